package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RequestMaintenanceQuote;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Seed 000 "Vue Sans Contrat": [Demander un Devis Maintenance]. */
@RestController
@Tag(name = "Client portal")
public class QuoteRequestController {
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

    private final CommandDispatcher commands;
    private final Directory directory;

    public QuoteRequestController(CommandDispatcher commands, Directory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Schema(name = "MaintenanceQuoteRequest")
    public record QuoteRequest(@Schema(description = "Staff only: the client asking; a CLIENT user asks for its own")
                               @Size(max = 64) @Pattern(regexp = ID) String clientId,
                               @Size(max = 64) @Pattern(regexp = ID) String projectId,
                               @Size(max = 4000) String message) {
    }

    @PostMapping("/api/v1/portal/maintenance-quote-requests")
    @Operation(summary = "Ask for a maintenance quote; the client's sales rep sees it", description = """
            Roles: CLIENT (for its own client), ADMIN, PROJECT_LEAD, SALES, MANAGER (naming clientId).
            404 CLIENT_NOT_FOUND, PROJECT_NOT_FOUND.""")
    @ApiErrors
    public ResponseEntity<CommandResult> request(@Valid @RequestBody QuoteRequest body,
                                                 @Parameter(hidden = true) Actor actor) {
        ClientId client = actor.has(Role.CLIENT) ? actor.clientId()
                : body.clientId() == null ? null : ClientId.of(body.clientId());
        if (client == null || directory.client(client).isEmpty()) {
            throw DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, body.clientId());
        }
        String requestId = UUID.randomUUID().toString();
        // the request is an event of its client: the response names the request, with the client's version
        Answer answer = new Answer(requestId, client.value(), "/api/v1/portal/maintenance-quote-requests/" + requestId);
        return commands.create(new RequestMaintenanceQuote(client, requestId,
                body.projectId() == null ? null : ProjectId.of(body.projectId()), body.message(), actor), answer);
    }
}
