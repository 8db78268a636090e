package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.query.support.QueryErrors;
import com.itvision.maintenance.query.support.ScopeResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dashboards")
@Tag(name = "Dashboards")
public class CommercialDashboardController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final String DESCRIPTION = """
            Roles: ADMIN, PROJECT_LEAD, ANALYST, AUDITOR (all contracts, every sales rep's row); MANAGER (its
            team's and its own contracts and rows); SALES (the contracts it sold and those of the clients it
            follows; its own row). CLIENT and TECHNICIAN: 403 ROLE_NOT_ALLOWED. Totals never include what the
            caller cannot see; the sales-rep total is the sum of the visible rows.
            Period: from, to (ISO dates, inclusive, UTC days); default the last twelve calendar months up to
            today. As of today: active contracts (ACTIVE, or TERMINATED effective later, with today in a
            period), ARR (Σ annual prices) and MRR (ARR / 12, rounded half-up to the minor unit) per currency,
            expirations within 30/60/90 days (ACTIVE or SUSPENDED, cumulative), mix by type with seed 000's
            target, average quota usage rate, contractualisation (clients with an active contract), contracts
            per sales rep (seed 003). Over the period: renewal rate (renewed / periods ending, target 0.85),
            churn (terminations effective in the period / contracts in force on its first day) with reasons,
            proposal conversion (activated / proposed, seed 000 target 0.70), interventions per month,
            average satisfaction (tickets closed in the period). Rates are fractions with 4 decimals, null
            when the denominator is 0; money in minor units with its currency.
            Errors: 400 VALIDATION_FAILED (date not yyyy-MM-dd, from after to, period > 3660 days);
            401 UNAUTHENTICATED; 403 ROLE_NOT_ALLOWED.""";

    private final CommercialDashboardQueries queries;
    private final ScopeResolver scopes;

    public CommercialDashboardController(CommercialDashboardQueries queries, ScopeResolver scopes) {
        this.queries = queries;
        this.scopes = scopes;
    }

    @GetMapping("/commercial")
    @Operation(summary = "Maintenance and commercial KPIs (seeds 000, 003, 004)", description = DESCRIPTION)
    @QueryErrors
    public CommercialDashboard commercial(@RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @Parameter(hidden = true) Actor actor) {
        return dashboard(from, to, actor);
    }

    @GetMapping("/commercial.csv")
    @Operation(summary = "The commercial KPIs as CSV: section,metric,key,currency,value",
            description = DESCRIPTION + "\nOne figure per line; text/csv, UTF-8, CRLF; formulas defused.",
            responses = @ApiResponse(responseCode = "200", description = "The same figures as the JSON dashboard",
                    content = @Content(mediaType = "text/csv")))
    @QueryErrors
    public ResponseEntity<String> commercialCsv(@RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @Parameter(hidden = true) Actor actor) {
        CommercialDashboard dashboard = dashboard(from, to, actor);
        String filename = "commercial-kpis-" + dashboard.from() + "-" + dashboard.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(CommercialCsv.write(dashboard));
    }

    private CommercialDashboard dashboard(String from, String to, Actor actor) {
        var scope = CommercialDashboardQueries.requireAccess(scopes.of(actor));
        DashboardPeriod period = DashboardPeriod.parseOrLastTwelveMonths(from, to, queries.today());
        return queries.dashboard(scope, period);
    }
}
