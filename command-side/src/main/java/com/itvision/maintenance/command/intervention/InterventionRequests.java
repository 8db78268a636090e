package com.itvision.maintenance.command.intervention;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/** Request bodies of the intervention endpoints. Unknown fields are rejected (no mass assignment). */
public final class InterventionRequests {
    private InterventionRequests() {
    }

    @Schema(name = "RecordIntervention")
    public record Record(@NotBlank @Size(max = 10000) String description,
                         @NotNull Instant startedAt,
                         @NotNull Instant endedAt,
                         @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000")
                         @Digits(integer = 4, fraction = 2) BigDecimal hoursSpent,
                         @Size(max = 4000) String fixApplied,
                         @Schema(description = "Files or parts changed") @Size(max = 4000) String filesChanged) {
    }

    @Schema(name = "CorrectIntervention")
    public record Correct(@NotNull Instant startedAt, @NotNull Instant endedAt,
                          @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000")
                          @Digits(integer = 4, fraction = 2) BigDecimal hoursSpent,
                          @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "InterventionReason")
    public record WithReason(@Size(max = 2000) String reason) {
    }

    @Schema(name = "TechnicalReport", description = "Seed 001 StatutTechnique")
    public record Report(@NotBlank @Size(max = 10000) String initialProblem,
                         @Schema(description = "Root cause analysis") @NotBlank @Size(max = 10000) String rootCause,
                         @NotBlank @Size(max = 10000) String solution,
                         @NotBlank @Size(max = 10000) String systemImpact,
                         @Size(max = 10000) String futureRisks,
                         @Size(max = 10000) String recommendations) {
    }
}
