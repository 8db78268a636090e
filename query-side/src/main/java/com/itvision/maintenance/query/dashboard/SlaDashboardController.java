package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.query.support.QueryErrors;
import com.itvision.maintenance.query.support.ScopeResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dashboards")
@Tag(name = "Dashboards")
public class SlaDashboardController {
    private final SlaDashboardQueries queries;
    private final ScopeResolver scopes;

    public SlaDashboardController(SlaDashboardQueries queries, ScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/sla")
    @Operation(summary = "SLA dashboard over the tickets opened in the period, SLA states computed now", description = """
            Roles: every role, each within its scope (totals never include what the caller cannot see): ADMIN,
            PROJECT_LEAD, ANALYST, AUDITOR all tickets; CLIENT its client's; SALES its clients'; MANAGER its
            team's clients'; TECHNICIAN the tickets assigned to it.
            Filters: from, to (ISO dates, inclusive, UTC days, on the opening; both optional: no bound = all
            tickets), projectId, contractId, clientId. Figures: tickets by status × severity; covered vs
            billable; SLA states (ON_TRACK, AT_RISK >= 75 % of the budget used, PAUSED, MET, BREACHED) computed
            now with the command side's SlaClock; open tickets (OPEN, IN_PROGRESS) with deadline, remaining
            business time and state, most urgent first (at most 200 listed); aging buckets of open tickets;
            compliance (MET / (MET + BREACHED)) overall, per contract, project and month (UTC); mean and p90
            time to respond (first intervention's start) and to resolve, wall clock (all tickets) and business
            (covered tickets: support hours, holds excluded); interventions and overruns (> 2 × the billet's
            estimate); seed 001 indicators per project and free/billable tickets per contract: the first
            contractLimit contracts by id (default 100, 1..10000; compliance.byContract covers those,
            contractsTruncated says whether there were more). Rates are
            fractions (0.75 = 75 %) with 4 decimals, null when there is nothing to rate; durations in seconds.
            Errors: 400 VALIDATION_FAILED (date not yyyy-MM-dd, from after to, period > 3660 days, invalid id,
            contractLimit not an integer in 1..10000);
            401 UNAUTHENTICATED.""")
    @QueryErrors
    public SlaDashboard sla(@RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(required = false) String projectId,
                            @RequestParam(required = false) String contractId,
                            @RequestParam(required = false) String clientId,
                            @RequestParam(required = false) String contractLimit,
                            @Parameter(hidden = true) Actor actor) {
        DashboardPeriod period = DashboardPeriod.parse(from, to);
        return queries.dashboard(scopes.of(actor), period, DashboardPeriod.id("projectId", projectId),
                DashboardPeriod.id("contractId", contractId), DashboardPeriod.id("clientId", clientId),
                limit(contractLimit));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return SlaDashboardQueries.DEFAULT_CONTRACT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= SlaDashboardQueries.MAX_CONTRACT_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.rule(ErrorCode.VALIDATION_FAILED,
                "contractLimit must be an integer from 1 to " + SlaDashboardQueries.MAX_CONTRACT_LIMIT);
    }
}
