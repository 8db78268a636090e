package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.command.directory.InMemoryDirectory;
import com.itvision.maintenance.command.support.TestClock;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.DraftContract;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractActivated;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractAmended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDeclined;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractExpired;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractRenewed;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractSuspended;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractTerminated;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractStatus;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.ContractType;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import com.itvision.maintenance.kernel.contract.Period;
import com.itvision.maintenance.kernel.contract.ScheduledService;
import com.itvision.maintenance.kernel.contract.ServiceFrequency;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.contract.TerminationCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cast and the sample contracts of the contract tests: seed 000's preventive maintenance
 * contract and seed 001's corrective warranty, with builders for their variations and the events a
 * test gives as history.
 */
final class ContractSamples {
    private ContractSamples() {
    }

    static final ContractId CONTRACT = ContractId.of("contract-1");
    static final String NUMBER = "MC-202603-0001";
    static final Instant NOW = TestClock.DEFAULT_NOW;

    static final ClientId ACME = ClientId.of("client-acme");
    static final ClientId GLOBEX = ClientId.of("client-globex");
    static final ProjectId ACME_CCTV = ProjectId.of("project-acme-cctv");
    static final ProjectId GLOBEX_ERP = ProjectId.of("project-globex-erp");

    static final UserId AWA = UserId.of("sales-awa");
    static final UserId KOFFI = UserId.of("sales-koffi");
    static final UserId JEAN_TECHNICIAN = UserId.of("tech-jean");

    static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    static final Actor PROJECT_LEAD = Actor.of("lead-1", Role.PROJECT_LEAD);
    /** Awa follows ACME. */
    static final Actor ACME_SALES_REP = new Actor(AWA, Set.of(Role.SALES), null);
    /** Koffi follows GLOBEX, not ACME. */
    static final Actor GLOBEX_SALES_REP = new Actor(KOFFI, Set.of(Role.SALES), null);
    static final Actor ACME_USER = Actor.client("acme-user", ACME);
    static final Actor GLOBEX_USER = Actor.client("globex-user", GLOBEX);
    static final Actor TECHNICIAN = new Actor(JEAN_TECHNICIAN, Set.of(Role.TECHNICIAN), null);

    static Actor staff(Role role) {
        return Actor.of(role.name().toLowerCase() + "-1", role);
    }

    static final Period YEAR_2026 = Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    static final Period YEAR_2027 = Period.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31));

    static final Money PREVENTIVE_PRICE = Money.of(1_200_000, "XOF");

    static InMemoryDirectory directory() {
        return new InMemoryDirectory()
                .withClient(ACME, "ACME Côte d'Ivoire", AWA)
                .withClient(GLOBEX, "Globex", KOFFI)
                .withProject(ACME_CCTV, ACME, "Vidéosurveillance siège (16 caméras)")
                .withProject(GLOBEX_ERP, GLOBEX, "ERP Globex")
                .withStaff(AWA, "awa", Role.SALES)
                .withStaff(KOFFI, "koffi", Role.SALES)
                .withStaff(JEAN_TECHNICIAN, "jean", Role.TECHNICIAN)
                .withClientUser(ACME_USER.userId(), "acme-user", ACME);
    }

    /** Seed 000 "Contrat Préventif Annuel": 4 visits a year, 1 200 000 XOF, 24h, business hours in Abidjan. */
    static Draft preventiveMaintenance() {
        return new Draft("Maintenance préventive annuelle", ContractKind.MAINTENANCE, ContractType.PREVENTIVE)
                .coverage(new Coverage("Nettoyage caméras, vérification NVR, test alarmes, mise à jour firmware",
                        "Pièces de rechange", List.of(new Equipment("Caméra IP", 16, "Siège Abidjan", List.of())),
                        List.of("Siège Abidjan")))
                .quota(InterventionQuota.of(4))
                .services(List.of(new ScheduledService("Visite préventive", ServiceFrequency.QUARTERLY,
                        LocalDate.of(2026, 4, 1))))
                .price(PREVENTIVE_PRICE)
                .tacitRenewal(true);
    }

    /** Seed 001's corrective warranty: 2026-01-01 → 2026-12-31, SLA 24h, free, unlimited. */
    static Draft correctiveWarranty() {
        return new Draft("Garantie corrective", ContractKind.WARRANTY, ContractType.CORRECTIVE)
                .coverage(new Coverage("Correction de tous les bugs bloquants",
                        "Nouvelles fonctionnalités, modifications de design", List.of(), List.of()))
                .quota(InterventionQuota.UNLIMITED)
                .price(Money.zero("XOF"))
                .by(PROJECT_LEAD);
    }

    /** A DraftContract under construction; defaults to ADMIN drafting for ACME's CCTV project over 2026. */
    static final class Draft {
        private ContractId contractId = CONTRACT;
        private ClientId clientId = ACME;
        private ProjectId projectId = ACME_CCTV;
        private String name;
        private ContractKind kind;
        private ContractType type;
        private Period period = YEAR_2026;
        private int slaHours = 24;
        private SupportHours supportHours = SupportHours.BUSINESS_HOURS;
        private ZoneId timeZone = ZoneId.of("Africa/Abidjan");
        private Coverage coverage = Coverage.describedAs("Everything");
        private InterventionQuota quota = InterventionQuota.UNLIMITED;
        private List<ScheduledService> services = List.of();
        private Money price;
        private PaymentFrequency paymentFrequency = PaymentFrequency.ANNUAL;
        private boolean tacitRenewal;
        private UserId salesRepId;
        private Actor actor = ADMIN;

        private Draft(String name, ContractKind kind, ContractType type) {
            this.name = name;
            this.kind = kind;
            this.type = type;
        }

        Draft named(String name) { this.name = name; return this; }
        Draft forClient(ClientId clientId) { this.clientId = clientId; return this; }
        Draft forProject(ProjectId projectId) { this.projectId = projectId; return this; }
        Draft withoutProject() { this.projectId = null; return this; }
        Draft kind(ContractKind kind, ContractType type) { this.kind = kind; this.type = type; return this; }
        Draft period(Period period) { this.period = period; return this; }
        Draft period(LocalDate start, LocalDate end) { return period(Period.of(start, end)); }
        Draft sla(int hours) { this.slaHours = hours; return this; }
        Draft coverage(Coverage coverage) { this.coverage = coverage; return this; }
        Draft quota(InterventionQuota quota) { this.quota = quota; return this; }
        Draft services(List<ScheduledService> services) { this.services = services; return this; }
        Draft price(Money price) { this.price = price; return this; }
        Draft tacitRenewal(boolean tacitRenewal) { this.tacitRenewal = tacitRenewal; return this; }
        Draft salesRep(UserId salesRepId) { this.salesRepId = salesRepId; return this; }
        Draft by(Actor actor) { this.actor = actor; return this; }

        ContractTerms terms() {
            return new ContractTerms(slaHours, supportHours, timeZone, coverage, quota, services, price,
                    paymentFrequency, tacitRenewal);
        }

        DraftContract command() {
            return new DraftContract(contractId, clientId, projectId, name, kind, type, period, terms(), salesRepId,
                    actor);
        }

        /** The event this draft leads to, as history for later commands. */
        ContractDrafted drafted() {
            UserId rep = salesRepId != null ? salesRepId
                    : actor.has(Role.SALES) ? actor.userId() : clientId.equals(ACME) ? AWA : KOFFI;
            return new ContractDrafted(contractId, NUMBER, clientId, projectId, name.strip(), kind, type, period,
                    terms(), rep, actor, NOW);
        }
    }

    // -- history --

    static ContractActivated activated() {
        return new ContractActivated(CONTRACT, ADMIN, NOW);
    }

    static ContractSuspended suspended() {
        return new ContractSuspended(CONTRACT, "Factures impayées", ADMIN, NOW);
    }

    static ContractDeclined declined() {
        return new ContractDeclined(CONTRACT, "Trop cher", ACME_USER, NOW);
    }

    static ContractExpired expired() {
        return new ContractExpired(CONTRACT, YEAR_2026.end(), Actor.SYSTEM, NOW);
    }

    static ContractTerminated terminated(LocalDate effectiveDate) {
        return new ContractTerminated(CONTRACT, TerminationCategory.COMPETITION, "Passe chez un concurrent",
                effectiveDate, ADMIN, NOW);
    }

    static ContractRenewed renewed(Period period) {
        return new ContractRenewed(CONTRACT, 1, period, PREVENTIVE_PRICE, PREVENTIVE_PRICE, null, ADMIN, NOW);
    }

    static ContractAmended amended(int revision, ContractTerms terms, String... changedFields) {
        return new ContractAmended(CONTRACT, revision, terms, List.of(changedFields), "Avenant", ADMIN, NOW);
    }

    /** The {@code used}-th consumption of the first period of the preventive contract (revision 1). */
    static InterventionQuotaConsumed consumed(String interventionId, int used) {
        return consumed(interventionId, 0, 1, used, 4);
    }

    static InterventionQuotaConsumed consumed(String interventionId, int periodIndex, int revision, int used,
                                              Integer included) {
        return consumed(interventionId, periodIndex, revision, used, included, NOW);
    }

    static InterventionQuotaConsumed consumed(String interventionId, int periodIndex, int revision, int used,
                                              Integer included, Instant at) {
        return new InterventionQuotaConsumed(CONTRACT, interventionId, periodIndex, revision, used, included,
                Actor.SYSTEM, at);
    }

    static InterventionQuotaRefunded refunded(String interventionId, int used) {
        return new InterventionQuotaRefunded(CONTRACT, interventionId, 0, used, "Intervention annulée", Actor.SYSTEM,
                NOW);
    }

    /** {@code count} consumptions of the preventive contract's first period: int-1 … int-count. */
    static List<Object> consumptions(int count, Integer included) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(consumed("int-" + i, 0, 1, i, included));
        }
        return events;
    }

    /** The history of a preventive maintenance contract that ended up in {@code status}. */
    static List<Object> preventiveContract(ContractStatus status) {
        List<Object> history = new ArrayList<>();
        history.add(preventiveMaintenance().drafted());
        switch (status) {
            case DRAFT -> {
            }
            case ACTIVE -> history.add(activated());
            case SUSPENDED -> history.addAll(List.of(activated(), suspended()));
            case EXPIRED -> history.addAll(List.of(activated(), expired()));
            case TERMINATED -> history.addAll(List.of(activated(), terminated(LocalDate.of(2026, 3, 1))));
            case DECLINED -> history.add(declined());
        }
        return history;
    }

    static List<Object> with(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    static List<Object> with(List<Object> history, List<Object> more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(more);
        return all;
    }
}
