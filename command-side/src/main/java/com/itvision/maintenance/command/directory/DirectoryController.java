package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.command.web.IfMatch;
import com.itvision.maintenance.command.web.MaxUtf8Bytes;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.directory.DirectoryCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Directory", description = "Users (admin only), clients and projects")
public class DirectoryController {
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

    private final CommandDispatcher commands;
    private final Directory directory;
    private final PasswordEncoder passwords;

    public DirectoryController(CommandDispatcher commands, Directory directory, PasswordEncoder passwords) {
        this.commands = commands;
        this.directory = directory;
        this.passwords = passwords;
    }

    @Schema(name = "RegisterClient")
    public record RegisterClientRequest(@NotBlank @Size(max = 200) String name, @Email @Size(max = 200) String email,
                                        @Size(max = 64) @Pattern(regexp = ID) String salesRepId) {
    }

    @Schema(name = "CreateProject")
    public record CreateProjectRequest(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String clientId,
                                       @NotBlank @Size(max = 200) String name,
                                       @Size(max = 4000) String description) {
    }

    @Schema(name = "RegisterUser")
    public record RegisterUserRequest(@NotBlank @Size(max = 64) String username,
                                      @Size(max = 200) String displayName,
                                      @NotBlank @Size(min = 8, max = 72) @MaxUtf8Bytes(72) String password,
                                      @Schema(description = "Each role at most once")
                                      @NotEmpty @Size(max = 8) Set<@NotNull Role> roles,
                                      @Schema(description = "Required for, and only for, CLIENT users")
                                      @Size(max = 64) @Pattern(regexp = ID) String clientId) {
        @Override
        public String toString() {
            return "RegisterUserRequest[username=" + username + ", roles=" + roles + "]";
        }
    }

    @Schema(name = "GrantRole")
    public record RoleRequest(@NotNull Role role, @Size(max = 2000) String reason) {
    }

    @Schema(name = "BindClient")
    public record BindClientRequest(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String clientId) {
    }

    @Schema(name = "AddTeamMember")
    public record TeamMemberRequest(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String salesRepId) {
    }

    @PostMapping("/clients")
    @Operation(summary = "Register a client", description = """
            Roles: ADMIN, PROJECT_LEAD, SALES, MANAGER. A SALES caller becomes the client's rep unless one is named.
            409 SALES_REP_NOT_ELIGIBLE.""")
    @ApiErrors
    public ResponseEntity<CommandResult> registerClient(@Valid @RequestBody RegisterClientRequest body,
                                                        @Parameter(hidden = true) Actor actor) {
        ClientId id = ClientId.random();
        return commands.create(new DirectoryCommands.RegisterClient(id, body.name(), body.email(),
                body.salesRepId() == null ? null : UserId.of(body.salesRepId()), actor), Answer.created(id, "/api/v1/clients"));
    }

    @PostMapping("/projects")
    @Operation(summary = "Create an installation project of a client", description = """
            Roles: ADMIN, PROJECT_LEAD. 404 CLIENT_NOT_FOUND.""")
    @ApiErrors
    public ResponseEntity<CommandResult> createProject(@Valid @RequestBody CreateProjectRequest body,
                                                       @Parameter(hidden = true) Actor actor) {
        ProjectId id = ProjectId.random();
        return commands.create(new DirectoryCommands.CreateProject(id, ClientId.of(body.clientId()),
                body.name(), body.description(), actor), Answer.created(id, "/api/v1/projects"));
    }

    @PostMapping("/users")
    @Operation(summary = "Register a user", description = """
            Role: ADMIN. The password is stored as a BCrypt hash outside the event store.
            409 USERNAME_TAKEN, CLIENT_BINDING_INVALID; 404 CLIENT_NOT_FOUND.""")
    @ApiErrors
    public ResponseEntity<CommandResult> registerUser(@Valid @RequestBody RegisterUserRequest body,
                                                      @Parameter(hidden = true) Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            // refuse before spending a BCrypt round on a request that cannot succeed
            throw DomainException.forbidden("Only an ADMIN manages users and their roles");
        }
        UserId id = UserId.random();
        return commands.create(new DirectoryCommands.RegisterUser(id, body.username(),
                body.displayName(), body.roles(), body.clientId() == null ? null : ClientId.of(body.clientId()),
                passwords.encode(body.password()), actor), Answer.created(id, "/api/v1/users"));
    }

    @PostMapping("/users/{id}/roles")
    @Operation(summary = "Grant a role", description = "Role: ADMIN. 409 ROLE_ALREADY_GRANTED, CLIENT_BINDING_INVALID.")
    @ApiErrors
    public CommandResult grantRole(@PathVariable String id, @Valid @RequestBody RoleRequest body,
                                   @Parameter(hidden = true) Actor actor,
                                   @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return commands.send(new DirectoryCommands.GrantRole(user(id), body.role(), actor, IfMatch.version(ifMatch)),
                id, null);
    }

    @PostMapping("/users/{id}/roles/revoke")
    @Operation(summary = "Revoke a role (reason required)", description = "Role: ADMIN. 409 ROLE_NOT_GRANTED.")
    @ApiErrors
    public CommandResult revokeRole(@PathVariable String id, @Valid @RequestBody RoleRequest body,
                                    @Parameter(hidden = true) Actor actor,
                                    @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return commands.send(new DirectoryCommands.RevokeRole(user(id), body.role(), body.reason(), actor,
                IfMatch.version(ifMatch)), id, null);
    }

    @PostMapping("/users/{id}/client")
    @Operation(summary = "Bind a CLIENT user to its client", description = "Role: ADMIN. 409 CLIENT_BINDING_INVALID.")
    @ApiErrors
    public CommandResult bindClient(@PathVariable String id, @Valid @RequestBody BindClientRequest body,
                                    @Parameter(hidden = true) Actor actor,
                                    @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return commands.send(new DirectoryCommands.BindUserToClient(user(id), ClientId.of(body.clientId()), actor,
                IfMatch.version(ifMatch)), id, null);
    }

    @PostMapping("/users/{id}/team")
    @Operation(summary = "Add a SALES user to a MANAGER's team", description = "Role: ADMIN. 409 SALES_REP_NOT_ELIGIBLE.")
    @ApiErrors
    public CommandResult addTeamMember(@PathVariable String id, @Valid @RequestBody TeamMemberRequest body,
                                       @Parameter(hidden = true) Actor actor,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return commands.send(new DirectoryCommands.AddTeamMember(user(id), UserId.of(body.salesRepId()), actor,
                IfMatch.version(ifMatch)), id, null);
    }

    private UserId user(String id) {
        try {
            UserId userId = UserId.of(id);
            return directory.user(userId).map(Directory.UserEntry::userId)
                    .orElseThrow(() -> DomainException.notFound(ErrorCode.USER_NOT_FOUND, id));
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound(ErrorCode.USER_NOT_FOUND, id);
        }
    }

}
