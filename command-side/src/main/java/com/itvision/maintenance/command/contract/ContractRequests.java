package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.ScheduledService;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.contract.TerminationCategory;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies of the contract endpoints. Unknown fields are rejected (no mass assignment); every text
 * and every list has a bound (ADR 0011), the nested value objects ({@link Coverage}, {@link Equipment},
 * {@link ScheduledService}, {@link Money}) carry theirs.
 */
public final class ContractRequests {
    private ContractRequests() {
    }

    static final String ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

    @Schema(name = "CreateContract")
    public record Create(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String clientId,
            @Schema(description = "Mandatory for WARRANTY contracts") @Size(max = 64) @Pattern(regexp = ID) String projectId,
            @NotBlank @Size(max = 200) String name,
            @NotNull ContractKind kind,
            @NotNull ContractType type,
            @NotNull LocalDate startDate,
            @Schema(description = "Inclusive") @NotNull LocalDate endDate,
            @NotNull @Min(1) @Max(8760) Integer slaHours,
            @NotNull SupportHours supportHours,
            @Schema(description = "IANA zone of the support hours, default UTC", example = "Africa/Abidjan")
            @Size(max = 64) String timeZone,
            @Valid Coverage coverage,
            @Schema(description = "Interventions included per period; absent or null means unlimited")
            @Min(0) Integer interventionsIncluded,
            @Size(max = 50) List<@NotNull @Valid ScheduledService> services,
            @Schema(description = "Annual price in minor units (XOF has none)") @NotNull @Valid Money annualPrice,
            @NotNull PaymentFrequency paymentFrequency,
            @Schema(description = "Tacit renewal (tacite reconduction), default false") Boolean tacitRenewal,
            @Schema(description = "A SALES user; defaults to the caller if SALES, else to the client's rep")
            @Size(max = 64) @Pattern(regexp = ID) String salesRepId) {
    }

    @Schema(name = "ContractReason")
    public record WithReason(@Size(max = 2000) String reason) {
    }

    @Schema(name = "TerminateContract")
    public record Terminate(@NotNull TerminationCategory category, @NotBlank @Size(max = 2000) String reason,
                            @Schema(description = "Defaults to today") LocalDate effectiveDate) {
    }

    @Schema(name = "RenewContract")
    public record Renew(@Schema(description = "Defaults to the day after the current end") LocalDate startDate,
                        @Schema(description = "Defaults to the same length as the current period") LocalDate endDate,
                        @Schema(description = "Defaults to the current price") @Valid Money annualPrice,
                        @Size(max = 2000) String reason) {
    }

    @Schema(name = "AmendContract", description = "Only the fields present change; reason is required")
    public record Amend(@Min(1) @Max(8760) Integer slaHours,
                        SupportHours supportHours,
                        @Valid Coverage coverage,
                        @Size(max = 200) List<@NotNull @Valid Equipment> equipment,
                        @Min(0) Integer interventionsIncluded,
                        @Schema(description = "true makes the quota unlimited") Boolean unlimitedInterventions,
                        @Size(max = 50) List<@NotNull @Valid ScheduledService> services,
                        @Valid Money annualPrice,
                        PaymentFrequency paymentFrequency,
                        Boolean tacitRenewal,
                        @NotBlank @Size(max = 2000) String reason) {
    }
}
