package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.command.directory.InMemoryDirectory;
import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.BillingApproved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.ResolutionConfirmed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketAssigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketClosed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRejected;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResolved;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cast and the histories of the ticket tests: seed 001's "Erreur paiement CB" on ACME's project,
 * opened on Tuesday 2026-03-10 at 09:00 in Abidjan (UTC+0, no DST) under a corrective warranty of 24
 * business hours (Monday to Friday, 08:00-18:00).
 */
final class TicketSamples {
    private TicketSamples() {
    }

    static final TicketId TICKET = TicketId.of("ticket-1");
    static final String NUMBER = "MAINT-00001";
    static final BilletId BILLET = BilletId.of("billet-1");
    static final BilletId SECOND_BILLET = BilletId.of("billet-2");
    static final InterventionId INTERVENTION = InterventionId.of("intervention-1");
    static final ContractId CONTRACT = ContractId.of("contract-1");

    static final ClientId ACME = ClientId.of("client-acme");
    static final ClientId GLOBEX = ClientId.of("client-globex");
    static final ProjectId ACME_SHOP = ProjectId.of("project-acme-shop");
    static final ProjectId GLOBEX_ERP = ProjectId.of("project-globex-erp");

    static final ZoneId ABIDJAN = ZoneId.of("Africa/Abidjan");
    /** Tuesday 2026-03-10 09:00 in Abidjan. */
    static final Instant OPENED_AT = TestClock.DEFAULT_NOW;
    /**
     * 24 business hours from Tuesday 09:00: Tuesday 09-18 (9 h), Wednesday 08-18 (10 h, 19 h), Thursday
     * 08-13 (5 h, 24 h).
     */
    static final Instant DEADLINE = Instant.parse("2026-03-12T13:00:00Z");

    static final UserId JEAN = UserId.of("tech-jean");
    static final UserId KOUAME = UserId.of("tech-kouame");
    static final UserId LEAD = UserId.of("lead-1");
    static final UserId AWA = UserId.of("sales-awa");

    static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    static final Actor PROJECT_LEAD = new Actor(LEAD, Set.of(Role.PROJECT_LEAD), null);
    static final Actor TECHNICIAN = new Actor(JEAN, Set.of(Role.TECHNICIAN), null);
    static final Actor SALES = new Actor(AWA, Set.of(Role.SALES), null);
    static final Actor ACME_USER = Actor.client("acme-user", ACME);
    static final Actor GLOBEX_USER = Actor.client("globex-user", GLOBEX);

    static InMemoryDirectory directory() {
        return new InMemoryDirectory()
                .withClient(ACME, "ACME Côte d'Ivoire", AWA)
                .withClient(GLOBEX, "Globex", null)
                .withProject(ACME_SHOP, ACME, "Application E-Commerce")
                .withProject(GLOBEX_ERP, GLOBEX, "ERP Globex")
                .withStaff(JEAN, "jean", Role.TECHNICIAN)
                .withStaff(KOUAME, "kouame", Role.TECHNICIAN)
                .withStaff(LEAD, "lead", Role.PROJECT_LEAD)
                .withStaff(AWA, "awa", Role.SALES)
                .withStaff(ADMIN.userId(), "admin", Role.ADMIN)
                .withClientUser(ACME_USER.userId(), "acme-user", ACME);
    }

    static TicketCoverage covered() {
        return TicketCoverage.covered(CONTRACT, 1, 24, SupportHours.BUSINESS_HOURS, ABIDJAN);
    }

    // -- history --

    static TicketOpened opened() {
        return opened(covered(), DEADLINE, OPENED_AT);
    }

    /** A ticket with no contract: billable, no SLA. */
    static TicketOpened openedBillable() {
        return opened(TicketCoverage.noContract(), null, OPENED_AT);
    }

    static TicketOpened opened(TicketCoverage coverage, Instant deadline, Instant at) {
        return new TicketOpened(TICKET, NUMBER, ACME, ACME_SHOP, "Erreur paiement CB",
                "Les utilisateurs reçoivent une erreur 500", Severity.MAJOR, Origin.CLIENT, coverage, deadline,
                ACME_USER, at);
    }

    static TicketAssigned assigned() {
        return new TicketAssigned(TICKET, BILLET, JEAN, PROJECT_LEAD, OPENED_AT.plusSeconds(600));
    }

    static TicketResolved resolved(Instant at) {
        return new TicketResolved(TICKET, INTERVENTION, BILLET, PROJECT_LEAD, at);
    }

    static ResolutionConfirmed confirmed(Instant at) {
        return new ResolutionConfirmed(TICKET, "Merci", ACME_USER, at);
    }

    static TicketClosed closed(Instant at) {
        return new TicketClosed(TICKET, false, PROJECT_LEAD, at);
    }

    static TicketRejected rejected() {
        return new TicketRejected(TICKET, "Hors garantie - Devis nécessaire", PROJECT_LEAD, OPENED_AT);
    }

    static BillingApproved billingApproved() {
        return new BillingApproved(TICKET, "DEVIS-2026-007", ACME_USER, OPENED_AT);
    }

    /** A covered ticket that reached {@code status}, every event at {@link #OPENED_AT} or shortly after. */
    static List<Object> ticket(TicketStatus status) {
        List<Object> history = new ArrayList<>();
        history.add(opened());
        switch (status) {
            case OPEN -> {
            }
            case IN_PROGRESS -> history.add(assigned());
            case RESOLVED -> history.addAll(List.of(assigned(), resolved(OPENED_AT)));
            case CLOSED -> history.addAll(List.of(assigned(), resolved(OPENED_AT), confirmed(OPENED_AT),
                    closed(OPENED_AT)));
            case REJECTED -> history.add(rejected());
        }
        return history;
    }

    static List<Object> with(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }
}
