package com.itvision.maintenance.app.demo;

import com.itvision.maintenance.app.MaintenanceProperties;
import com.itvision.maintenance.command.directory.DirectoryController.RegisterUserRequest;
import com.itvision.maintenance.command.directory.JdbcDirectory;
import com.itvision.maintenance.kernel.common.Role;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Start-up checks of the credentials nobody chose (ADR 0012), run once the database is migrated and
 * before the web server accepts a request:
 * <ul>
 *   <li>the bootstrap ADMIN's password must pass the API's own policy for {@code POST /users}
 *       ({@link RegisterUserRequest}: 8 to 72 characters, at most 72 bytes in UTF-8), else start-up fails;</li>
 *   <li>with demo mode off, demo users that can still sign in with their user name as password (a data
 *       directory first created in demo mode) are named in a WARN at every start;</li>
 *   <li>under the {@code prod} Spring profile, either of those, or demo mode itself, stops start-up.</li>
 * </ul>
 */
@Component
public class CredentialDefaultsGuard implements SmartInitializingSingleton {
    /** The Spring profile of a production deployment. */
    public static final String PRODUCTION_PROFILE = "prod";
    private static final Logger log = LoggerFactory.getLogger(CredentialDefaultsGuard.class);

    private final MaintenanceProperties properties;
    private final DemoDataLoader demo;
    private final JdbcDirectory directory;
    private final PasswordEncoder passwords;
    private final Validator validator;
    private final Environment environment;

    public CredentialDefaultsGuard(MaintenanceProperties properties, DemoDataLoader demo, JdbcDirectory directory,
                                   PasswordEncoder passwords, Validator validator, Environment environment) {
        this.properties = properties;
        this.demo = demo;
        this.directory = directory;
        this.passwords = passwords;
        this.validator = validator;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        bootstrapAdminFollowsThePasswordPolicy();
        boolean production = environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE));
        if (demo.demoEnabled()) {
            if (production) {
                throw new FailureAnalyzedException(
                        "Demo mode is on under the '" + PRODUCTION_PROFILE + "' profile: it creates users whose "
                                + "password is their user name (" + String.join(", ", DemoData.USERNAMES) + ").",
                        "Set maintenance.demo.enabled=false (MAINTENANCE_DEMO_ENABLED=false) for production.");
            }
            return;
        }
        List<String> open = demoUsersSigningInWithTheirName();
        if (open.isEmpty()) {
            return;
        }
        String description = "Demo users can sign in with their user name as password: " + String.join(", ", open)
                + ". This data directory was created in demo mode.";
        String action = "Revoke their roles (POST /api/v1/users/{id}/roles/revoke; a user without roles cannot "
                + "sign in) or start from a new, empty data directory (maintenance.embedded-db.data-dir).";
        if (production) {
            throw new FailureAnalyzedException(description + " Refused under the '" + PRODUCTION_PROFILE
                    + "' profile.", action);
        }
        log.warn("""

                ********************************************************************************
                SECURITY WARNING: {}
                Anyone can sign in as them. {}
                Under the '{}' Spring profile the application refuses to start.
                ********************************************************************************""",
                description, action, PRODUCTION_PROFILE);
    }

    private void bootstrapAdminFollowsThePasswordPolicy() {
        MaintenanceProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin.password() == null || admin.password().isEmpty()) {
            return;
        }
        Set<ConstraintViolation<RegisterUserRequest>> violations = validator.validate(new RegisterUserRequest(
                admin.username(), "Administrator", admin.password(), Set.of(Role.ADMIN), null));
        if (!violations.isEmpty()) {
            // the message names the rule, never the password
            String rules = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; "));
            throw new FailureAnalyzedException(
                    "The bootstrap administrator does not satisfy the API's policy for users: " + rules + ".",
                    "Set MAINTENANCE_BOOTSTRAP_ADMIN_PASSWORD (maintenance.bootstrap-admin.password) to 8 to 72 "
                            + "characters (at most 72 bytes in UTF-8), and MAINTENANCE_BOOTSTRAP_ADMIN_USERNAME to at most 64.");
        }
    }

    /** The demo users that exist, still hold a role and whose password is still their user name (one BCrypt check each). */
    private List<String> demoUsersSigningInWithTheirName() {
        List<String> open = new ArrayList<>();
        for (String username : DemoData.USERNAMES) {
            directory.userByUsername(username)
                    .filter(user -> !user.roles().isEmpty())
                    .flatMap(user -> directory.passwordHash(user.userId()))
                    .filter(hash -> passwords.matches(username, hash))
                    .ifPresent(hash -> open.add(username));
        }
        return open;
    }
}
