package com.itvision.maintenance.app.demo;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands.ActivateContract;
import com.itvision.maintenance.kernel.contract.ContractCommands.DraftContract;
import com.itvision.maintenance.kernel.contract.ContractKind;
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
import com.itvision.maintenance.kernel.directory.DirectoryCommands.AddTeamMember;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.CreateProject;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterClient;
import com.itvision.maintenance.kernel.directory.DirectoryCommands.RegisterUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo world, created through the same commands as the API: users (password = user name), two
 * clients with projects, and contracts from the seeds: seed 000's four maintenance types priced for a
 * 16-camera installation of 2 500 000 XOF, seed 001's corrective warranty 2026-01-01 → 2026-12-31
 * (24 h SLA) and its evolutive warranty 2026-01-01 → 2026-06-30.
 */
final class DemoData {
    private static final ZoneId ABIDJAN = ZoneId.of("Africa/Abidjan");
    /** Every demo user; each one's password is its user name (CredentialDefaultsGuard looks for them later). */
    static final List<String> USERNAMES = List.of("admin", "lead", "tech", "tech2", "sales", "sales2", "manager",
            "auditor", "analyst", "client", "client2");

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Map<String, UserId> users = new LinkedHashMap<>();
    /** BCrypt hashes of the demo passwords, computed on every core at once: half of the demo's start-up time. */
    private Map<String, String> hashes = Map.of();

    DemoData(CommandGateway commands, PasswordEncoder passwords, Clock clock) {
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
    }

    void create() {
        hashes = USERNAMES.parallelStream().collect(Collectors.toUnmodifiableMap(u -> u, passwords::encode));
        user("admin", "Awa Admin", Role.ADMIN, null);
        user("lead", "Léa Chef de projet", Role.PROJECT_LEAD, null);
        user("tech", "Jean Dupont", Role.TECHNICIAN, null);
        user("tech2", "Koffi Technicien", Role.TECHNICIAN, null);
        user("sales", "Sami Commercial", Role.SALES, null);
        user("sales2", "Sara Commerciale", Role.SALES, null);
        user("manager", "Marc Manager", Role.MANAGER, null);
        user("auditor", "Alain Auditeur", Role.AUDITOR, null);
        user("analyst", "Ana Analyste", Role.ANALYST, null);
        Actor admin = Actor.of(users.get("admin").value(), Role.ADMIN);
        send(new AddTeamMember(users.get("manager"), users.get("sales"), admin, null));
        send(new AddTeamMember(users.get("manager"), users.get("sales2"), admin, null));

        ClientId clientA = ClientId.of("client-a");
        ClientId clientB = ClientId.of("client-b");
        send(new RegisterClient(clientA, "Boutique Horizon (client A)", "it@horizon.example", users.get("sales"), admin));
        send(new RegisterClient(clientB, "Logistique Sahel (client B)", "dsi@sahel.example", users.get("sales2"), admin));
        user("client", "Claire Client A", Role.CLIENT, clientA);
        user("client2", "Cheikh Client B", Role.CLIENT, clientB);

        Actor lead = Actor.of(users.get("lead").value(), Role.PROJECT_LEAD);
        ProjectId shop = project("project-a-ecommerce", clientA, "Application E-Commerce", lead);
        ProjectId cctv = project("project-a-cctv", clientA, "Vidéosurveillance 16 caméras", lead);
        ProjectId network = project("project-b-network", clientB, "Réseau siège", lead);
        ProjectId warehouse = project("project-b-warehouse", clientB, "Réseau entrepôt", lead);

        LocalDate today = LocalDate.now(clock);
        // seed 000's client example: a preventive contract that expires in 45 days
        LocalDate preventiveStart = today.plusDays(45).minusYears(1).plusDays(1);
        contract("contract-a-preventive", clientA, cctv, "Maintenance Préventive Annuelle", ContractType.PREVENTIVE,
                Period.of(preventiveStart, today.plusDays(45)), 24, SupportHours.BUSINESS_HOURS, InterventionQuota.of(4),
                1_200_000, "Nettoyage caméras, vérification NVR, test alarmes, mise à jour firmware",
                List.of(new ScheduledService("Visite préventive trimestrielle", ServiceFrequency.QUARTERLY,
                        today.plusDays(24))), true, lead);
        LocalDate yearStart = today.withDayOfYear(1);
        contract("contract-b-full", clientB, network, "Contrat Full Service", ContractType.FULL,
                Period.of(yearStart, yearStart.plusYears(1).minusDays(1)), 4, SupportHours.ALWAYS,
                InterventionQuota.UNLIMITED, 3_500_000, "Préventif + curatif, pièces de rechange incluses",
                List.of(new ScheduledService("Visite préventive", ServiceFrequency.QUARTERLY, today.plusDays(10))),
                true, lead);
        contract("contract-b-curative", clientB, warehouse, "Contrat Curatif", ContractType.CURATIVE,
                Period.of(yearStart, yearStart.plusYears(1).minusDays(1)), 24, SupportHours.BUSINESS_HOURS,
                InterventionQuota.UNLIMITED, 600_000, "Interventions en cas de panne, pièces en supplément",
                List.of(), true, lead);
        // a proposal from the client's sales rep, waiting for client B to accept or decline
        Actor sales2 = Actor.of(users.get("sales2").value(), Role.SALES);
        contract("contract-b-basic-proposal", clientB, warehouse, "Contrat Basic", ContractType.BASIC,
                Period.of(today.plusDays(30), today.plusDays(30).plusYears(1).minusDays(1)), 48,
                SupportHours.BUSINESS_HOURS, InterventionQuota.of(2), 400_000, "2 visites par an, support 8h-18h",
                List.of(new ScheduledService("Visite semestrielle", ServiceFrequency.SEMIANNUAL, today.plusDays(60))),
                false, sales2);
        // seed 001: the e-commerce project's warranties
        warranty("contract-a-corrective", clientA, shop, "Garantie corrective", ContractType.CORRECTIVE,
                Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                "Correction de tous les bugs bloquants et critiques", lead);
        warranty("contract-a-evolutive", clientA, shop, "Garantie évolutive", ContractType.EVOLUTIVE,
                Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)),
                "Évolutions mineures", lead);
    }

    private void user(String username, String name, Role role, ClientId client) {
        UserId id = UserId.of("user-" + username);
        users.put(username, id);
        send(new RegisterUser(id, username, name, Set.of(role), client, hashes.get(username), Actor.SYSTEM));
    }

    private ProjectId project(String id, ClientId client, String name, Actor lead) {
        ProjectId projectId = ProjectId.of(id);
        send(new CreateProject(projectId, client, name, null, lead));
        return projectId;
    }

    private void contract(String id, ClientId client, ProjectId project, String name, ContractType type, Period period,
                          int slaHours, SupportHours hours, InterventionQuota quota, long priceXof, String coverage,
                          List<ScheduledService> services, boolean activate, Actor actor) {
        ContractTerms terms = new ContractTerms(slaHours, hours, ABIDJAN,
                new Coverage(coverage, "Dommages volontaires, catastrophes naturelles",
                        List.of(new Equipment("Caméra IP", 16, "Siège", List.of()),
                                new Equipment("NVR 16 voies", 1, "Salle serveur", List.of())),
                        List.of("Siège")),
                quota, services, Money.of(priceXof, "XOF"), PaymentFrequency.QUARTERLY, true);
        draftAndMaybeActivate(id, client, project, name, ContractKind.MAINTENANCE, type, period, terms, activate, actor);
    }

    private void warranty(String id, ClientId client, ProjectId project, String name, ContractType type, Period period,
                          String coverage, Actor lead) {
        ContractTerms terms = new ContractTerms(24, SupportHours.BUSINESS_HOURS, ABIDJAN,
                new Coverage(coverage, "Nouvelles fonctionnalités, modifications de design", List.of(), List.of()),
                InterventionQuota.UNLIMITED, List.of(), Money.zero("XOF"), PaymentFrequency.ANNUAL, false);
        draftAndMaybeActivate(id, client, project, name, ContractKind.WARRANTY, type, period, terms, true, lead);
    }

    private void draftAndMaybeActivate(String id, ClientId client, ProjectId project, String name, ContractKind kind,
                                       ContractType type, Period period, ContractTerms terms, boolean activate,
                                       Actor actor) {
        ContractId contractId = ContractId.of(id);
        send(new DraftContract(contractId, client, project, name, kind, type, period, terms, null, actor));
        if (activate) {
            send(new ActivateContract(contractId, actor, null));
        }
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }
}
