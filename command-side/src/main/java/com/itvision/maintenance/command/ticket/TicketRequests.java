package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.kernel.billet.InterventionType;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Request bodies of the ticket endpoints. Unknown fields are rejected (no mass assignment). */
public final class TicketRequests {
    static final String ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

    private TicketRequests() {
    }

    @Schema(name = "OpenTicket")
    public record Open(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String projectId,
                       @Schema(description = "Optional: else the only active contract covering the project")
                       @Size(max = 64) @Pattern(regexp = ID) String contractId,
                       @NotBlank @Size(max = 200) String title,
                       @NotBlank @Size(max = 10000) String description,
                       @NotNull Severity severity,
                       @Schema(description = "Defaults to CLIENT for a client user, INTERNAL otherwise") Origin origin) {
    }

    @Schema(name = "TicketReason")
    public record WithReason(@Size(max = 2000) String reason) {
    }

    @Schema(name = "ApproveBilling")
    public record ApproveBilling(@Schema(description = "Quote (devis) reference") @Size(max = 100) String quoteReference) {
    }

    @Schema(name = "ReclassifySeverity")
    public record Reclassify(@NotNull Severity severity, @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "RateTicket")
    public record Rate(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 2000) String comment) {
    }

    @Schema(name = "ConfirmResolution")
    public record Confirm(@Size(max = 2000) String comment) {
    }

    @Schema(name = "ReassignTicket")
    public record Reassign(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String technicianId,
                           @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "IssueBillet")
    public record IssueBillet(@NotBlank @Size(max = 64) @Pattern(regexp = ID) String technicianId,
                              @NotNull InterventionType type,
                              @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000")
                              @Digits(integer = 4, fraction = 2) BigDecimal estimatedHours,
                              @Size(max = 4000) String instructions) {
    }
}
