package com.itvision.maintenance.projections.support;

import java.util.List;

/** The processing groups of the read models, for configuration, health and rebuilds. */
public final class Projections {
    public static final String DIRECTORY = "directory-projection";
    public static final String CONTRACTS = "contract-projection";
    public static final String TICKETS = "ticket-projection";
    public static final String BILLETS = "billet-projection";
    public static final String INTERVENTIONS = "intervention-projection";
    public static final String SLA_DASHBOARD = "sla-dashboard-projection";
    public static final List<String> ALL = List.of(DIRECTORY, CONTRACTS, TICKETS, BILLETS, INTERVENTIONS,
            SLA_DASHBOARD);

    private Projections() {
    }
}
