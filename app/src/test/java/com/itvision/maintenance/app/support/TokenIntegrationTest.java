package com.itvision.maintenance.app.support;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the demo data on an embedded PostgreSQL of its own, and bearer tokens enabled:
 * for tests that send thousands of requests (the malformed-request corpus, the authorisation matrix).
 * HTTP Basic costs a BCrypt verification (~70 ms of CPU) per request; a signed token costs an RSA
 * signature check (~0.1 ms), so the demo users speak through tokens whose claims are exactly their
 * directory entries: {@code sub} = user id, {@code roles}, {@code client_id}. The actor a controller gets
 * is then the one HTTP Basic would give (ActorArgumentResolver builds both from the same three facts);
 * the matrix checks it on a sample by sending the same requests both ways.
 *
 * <p>A context and a database of its own, shared by the test classes that extend this one: thousands of
 * generated requests create clients, contracts and tickets that must not show up in the figures other
 * tests compute on the shared {@link IntegrationTest} context, and their own figures (events stored, dead
 * letters) must not include what other tests do.
 */
@SpringBootTest(classes = MaintenanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class TokenIntegrationTest {
    /** The demo users: name → (user id, role, client). Password = user name, for the Basic samples. */
    public static final Map<String, DemoUser> DEMO_USERS = Map.ofEntries(
            demo("admin", "ADMIN", null), demo("lead", "PROJECT_LEAD", null),
            demo("tech", "TECHNICIAN", null), demo("tech2", "TECHNICIAN", null),
            demo("client", "CLIENT", "client-a"), demo("client2", "CLIENT", "client-b"),
            demo("sales", "SALES", null), demo("sales2", "SALES", null), demo("manager", "MANAGER", null),
            demo("auditor", "AUDITOR", null), demo("analyst", "ANALYST", null));

    private static final Path DIR = tempDir();
    private static final KeyPair KEYS = keys();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;

    public record DemoUser(String username, String userId, String role, String clientId) {
    }

    private static Map.Entry<String, DemoUser> demo(String name, String role, String clientId) {
        return Map.entry(name, new DemoUser(name, "user-" + name, role, clientId));
    }

    @DynamicPropertySource
    static void ownDatabaseAndTokens(DynamicPropertyRegistry registry) {
        registry.add("maintenance.embedded-db.data-dir", () -> DIR.resolve("db").toString());
        registry.add("maintenance.demo.enabled", () -> "true");
        registry.add("maintenance.reconciliation.initial-delay", () -> "1h");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + DIR.resolve("public.pem"));
    }

    @BeforeEach
    void realTime() {
        clock.reset();
    }

    /**
     * A bearer token for {@code user} with the claims of its directory entry. Issued 30 days ago and valid
     * for one more day, so that a test moving the application's clock back (to open a ticket two days in
     * the past, see {@link World}) still presents a token that is neither expired nor issued in the future.
     */
    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, name -> {
            DemoUser demo = DEMO_USERS.get(name);
            if (demo == null) {
                throw new IllegalArgumentException("not a demo user: " + name);
            }
            return token(demo.userId(), List.of(demo.role()), demo.clientId());
        });
    }

    /** A token for any subject, roles and client binding. */
    public static String token(String subject, List<String> roles, String clientId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .audience("maintenance-api").issueTime(Date.from(now.minus(Duration.ofDays(30))))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1))));
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The last global position of the event store. */
    protected long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("maintenance-tokens-it-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> IntegrationTest.deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(DIR.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
