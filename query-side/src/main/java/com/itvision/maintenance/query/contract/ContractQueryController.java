package com.itvision.maintenance.query.contract;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryErrors;
import com.itvision.maintenance.query.support.ScopeResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contracts")
@Tag(name = "Contracts")
public class ContractQueryController {
    private final ContractQueries contracts;
    private final ScopeResolver scopes;

    public ContractQueryController(ContractQueries contracts, ScopeResolver scopes) {
        this.contracts = contracts;
        this.scopes = scopes;
    }

    @GetMapping
    @Operation(summary = "List contracts (read model)", description = """
            Roles: ADMIN, PROJECT_LEAD, ANALYST, AUDITOR see all; SALES its own contracts and clients; MANAGER its
            team's; CLIENT its client's; TECHNICIAN 403. Filters: status (comma-separated), type, kind, clientId,
            projectId, salesRepId, expiringWithinDays. sort: number|endDate|startDate|annualPrice|status, prefix -
            for descending. page from 0, size <= 200 (default 50); total is exact up to 1,000 matching contracts,
            beyond it is a lower bound and totalExact is false. Send X-Min-Position to read your own writes.""")
    @QueryErrors
    public Paging.Page<ContractSummary> list(@RequestParam(required = false) String status,
                                             @RequestParam(required = false) String type,
                                             @RequestParam(required = false) String kind,
                                             @RequestParam(required = false) String clientId,
                                             @RequestParam(required = false) String projectId,
                                             @RequestParam(required = false) String salesRepId,
                                             @RequestParam(required = false) Integer expiringWithinDays,
                                             @RequestParam(required = false) String sort,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @Parameter(hidden = true) Actor actor) {
        return contracts.list(scopes.of(actor).requireCommercialAccess(),
                new ContractQueries.Filter(status, type, kind, clientId, projectId, salesRepId, expiringWithinDays),
                sort, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contract (read model) with its quota usage, alerts and 3 latest interventions",
            description = "Roles: as the list; any contract outside the caller's scope is 404 CONTRACT_NOT_FOUND. "
                    + "ETag = the contract's version in the read model, to send as If-Match (X-Min-Position waits "
                    + "for a command's position).")
    @QueryErrors
    public ResponseEntity<ContractSummary> get(@PathVariable String id, @Parameter(hidden = true) Actor actor) {
        ContractSummary contract = contracts.get(scopes.of(actor).requireCommercialAccess(), id);
        return ResponseEntity.ok().eTag("\"" + contract.version() + "\"").body(contract);
    }
}
