package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.security.DocumentedAccess.Scope;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.ExampleBodies;
import com.itvision.maintenance.app.support.OpenApiOperations;
import com.itvision.maintenance.app.support.OpenApiOperations.Operation;
import com.itvision.maintenance.app.support.ReadyResources;
import com.itvision.maintenance.app.support.ReadyResources.Ready;
import com.itvision.maintenance.app.support.TokenIntegrationTest;
import com.itvision.maintenance.app.support.World;
import com.itvision.maintenance.app.support.World.Created;
import com.itvision.maintenance.app.support.World.Owner;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 7, the fault suite: every operation of the OpenAPI document × every demo role (and no one) × a
 * resource of client A, of client B and of a client C that no sales rep follows (tickets assigned to the
 * caller's technician or not). The expected answer is derived from the operation's documented roles
 * ({@link DocumentedAccess}, read from its description) and the README's scope rules, re-stated here
 * (ADMIN, PROJECT_LEAD, ANALYST, AUDITOR everything; a CLIENT its client; SALES the clients it follows;
 * a MANAGER its team's; a TECHNICIAN the tickets assigned to it, no contracts). Zero leaks means:
 * <ul>
 *   <li>a role the documentation does not allow never gets a 2xx and stores nothing;</li>
 *   <li>a read outside the caller's scope is 404, exactly as for an id that does not exist (403 where the
 *       documentation says so: TECHNICIAN on contracts); a CLIENT never tells another client's resource
 *       from one that does not exist, on any operation;</li>
 *   <li>no answer to a caller carries an id, name or title of what it may not see (every page of lists,
 *       dashboards, CSV);</li>
 *   <li>a documented role is not refused: the first one in scope succeeds on a resource in the right state
 *       (which proves the refusals before it were refusals of the caller, not of the state).</li>
 * </ul>
 * Requests go with bearer tokens whose claims are the demo users' directory entries; a sample is sent as
 * HTTP Basic too and must be answered alike.
 */
class AuthorisationMatrixTest extends TokenIntegrationTest {
    static final List<String> CALLERS = List.of("admin", "lead", "analyst", "auditor", "manager", "sales", "sales2",
            "client", "client2", "tech", "tech2");
    static final String ANONYMOUS = "anonymous";
    private static final Set<Role> EVERYTHING = Set.of(Role.ADMIN, Role.PROJECT_LEAD, Role.ANALYST, Role.AUDITOR);
    /** The demo manager's team (DemoData). */
    private static final Set<String> TEAM = Set.of("sales", "sales2", "manager");

    enum Expected { UNAUTHENTICATED, ALLOWED, FORBIDDEN, REFUSED, NOT_VISIBLE }

    /** What an operation is called on: a resource of an owner, a body naming an owner, a list filter, or nothing. */
    record Target(String label, Owner owner, String resourceId, String kind, String worker, String query) {
    }

    private final List<String> violations = new ArrayList<>();
    private final List<String> oracles = new ArrayList<>();
    private final Map<String, Map<Expected, Integer>> table = new TreeMap<>();
    private final Map<String, Boolean> refusedCorrelations = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private int cases;
    private int requests;
    private long setupNanos;
    private long sendNanos;
    private int notReached;
    private long leakNanos;
    private long basicMillis;

    private Api api;
    private World world;
    private Owner a;
    private Owner b;
    private Owner c;
    /** Facts of the demo world, beside what {@link World#created} records. */
    private final List<Created> demo = List.of(
            new Created("client", "client-a", "client-a", "Boutique Horizon (client A)"),
            new Created("client", "client-b", "client-b", "Logistique Sahel (client B)"),
            new Created("project", "project-a-ecommerce", "client-a", "Application E-Commerce"),
            new Created("project", "project-a-cctv", "client-a", "Vidéosurveillance 16 caméras"),
            new Created("project", "project-b-network", "client-b", "Réseau siège"),
            new Created("project", "project-b-warehouse", "client-b", "Réseau entrepôt"),
            new Created("contract", "contract-a-preventive", "client-a", "Maintenance Préventive Annuelle"),
            new Created("contract", "contract-a-corrective", "client-a", "Garantie corrective"),
            new Created("contract", "contract-a-evolutive", "client-a", "Garantie évolutive"),
            new Created("contract", "contract-b-full", "client-b", "Contrat Full Service"),
            new Created("contract", "contract-b-curative", "client-b", "Contrat Curatif"),
            new Created("contract", "contract-b-basic-proposal", "client-b", "Contrat Basic"));

    @Test
    void every_operation_for_every_role_on_its_own_and_another_clients_resources() throws Exception {
        api = new Api(port, this::head);
        world = new World(api, clock);
        JsonNode document = api.anonymous().get("/v3/api-docs").json();
        List<Operation> operations = new ArrayList<>(OpenApiOperations.of(document));
        assertThat(operations).hasSizeGreaterThan(40);
        Map<String, DocumentedAccess> access = access(operations);

        long start = System.nanoTime();
        a = world.clientA();
        b = world.clientB();
        c = world.newOwner("C", null);
        // the projection operations last: a rebuild swaps a read model in, which every later read would wait for
        operations.sort(Comparator.comparing((Operation o) -> o.path().contains("/admin/")));
        for (Operation operation : operations) {
            long prepared = System.nanoTime();
            List<Target> targets = targets(operation);
            setupNanos += System.nanoTime() - prepared;
            for (Target target : targets) {
                run(operation, access.get(operation.name()), target);
            }
        }
        long after = System.nanoTime();
        basicAnswersAsTokensDo();
        basicMillis = (System.nanoTime() - after) / 1_000_000;
        checkEventStore();
        long millis = (System.nanoTime() - start) / 1_000_000;

        String report = report(operations, millis);
        System.out.println(report);
        Files.writeString(Path.of("target", "authorisation-matrix.txt"), report + "\nviolations:\n"
                + String.join("\n", violations) + "\n");
        assertThat(violations).as("%d violations in %d cases, the first 60", violations.size(), cases)
                .satisfies(v -> assertThat(v.subList(0, Math.min(60, v.size()))).isEmpty());
    }

    // ------------------------------------------------------------------ the documentation

    /** Every operation's documented access; a detail documented "as the list" gets its list's. */
    private static Map<String, DocumentedAccess> access(List<Operation> operations) {
        Map<String, DocumentedAccess> access = new LinkedHashMap<>();
        for (Operation operation : operations) {
            access.put(operation.name(), DocumentedAccess.parse(operation.name(), operation.description()));
        }
        for (Operation operation : operations) {
            DocumentedAccess documented = access.get(operation.name());
            if (documented.asTheList()) {
                String list = operation.method() + " " + operation.path().substring(0, operation.path().lastIndexOf("/{"));
                assertThat(access).as("%s is documented as its list, %s", operation.name(), list).containsKey(list);
                access.put(operation.name(), documented.inherit(access.get(list)));
            }
        }
        return access;
    }

    // ------------------------------------------------------------------ targets

    private List<Target> targets(Operation operation) {
        List<Target> targets = new ArrayList<>();
        String path = operation.path();
        if (path.contains("{")) {
            // signed checkpoints belong to the whole store, not to a client
            boolean owned = !path.contains("/users/") && !path.contains("/admin/") && !path.contains("/audit/checkpoints/");
            if (!owned) {
                Ready ready = ReadyResources.of(world, a, operation).orElseThrow();
                targets.add(new Target("-", null, ready.id(), ready.kind(), null, ""));
                return targets;
            }
            for (Owner owner : List.of(a, b, c)) {
                Ready ready = ReadyResources.of(world, owner, operation).orElseThrow();
                targets.add(new Target(owner.key(), owner, ready.id(), ready.kind(), ready.technicianUser(), ""));
                if (operation.method().equals("GET") && ready.kind().equals("ticket") && owner == a) {
                    String open = world.ticket(a, "OPEN");
                    targets.add(new Target("A unassigned", a, open, "ticket", null, ""));
                }
            }
            return targets;
        }
        if (operation.method().equals("GET")) {
            targets.add(new Target("-", null, null, "list", null, ""));
            if (operation.parameters("query").stream().anyMatch(p -> p.name().equals("clientId"))) {
                for (Owner owner : List.of(a, b, c)) {
                    targets.add(new Target("clientId=" + owner.key(), owner, null, "list", null,
                            "clientId=" + owner.clientId()));
                }
            }
            return targets;
        }
        JsonNode properties = operation.body() == null ? null : operation.body().path("properties");
        if (properties != null && (properties.has("clientId") || properties.has("projectId"))
                && !path.equals("/api/v1/users")) {
            for (Owner owner : List.of(a, b, c)) {
                targets.add(new Target(owner.key(), owner, null, "creation", null, ""));
            }
        } else {
            targets.add(new Target("-", null, null, "creation", null, ""));
        }
        return targets;
    }

    // ------------------------------------------------------------------ expectations

    private static Role role(String caller) {
        return Role.valueOf(DEMO_USERS.get(caller).role());
    }

    private static String clientOf(String caller) {
        return DEMO_USERS.get(caller).clientId();
    }

    /** The README's scope: who sees a client (and its projects, contracts and tickets). */
    private boolean seesClient(String caller, String clientId) {
        Role role = role(caller);
        if (EVERYTHING.contains(role)) {
            return true;
        }
        String rep = clientId.equals(a.clientId()) ? a.salesUser() : clientId.equals(b.clientId()) ? b.salesUser() : null;
        return switch (role) {
            case CLIENT -> clientId.equals(clientOf(caller));
            case SALES -> caller.equals(rep);
            case MANAGER -> rep != null && TEAM.contains(rep);
            default -> false;
        };
    }

    private boolean seesTicket(String caller, String clientId, String ticketId) {
        return seesClient(caller, clientId) || role(caller) == Role.TECHNICIAN
                && caller.equals(world.assignee.get(ticketId));
    }

    private boolean visible(String caller, Target target) {
        return switch (target.kind()) {
            case "ticket" -> seesTicket(caller, target.owner().clientId(), target.resourceId());
            case "contract" -> role(caller) != Role.TECHNICIAN && seesClient(caller, target.owner().clientId());
            default -> seesClient(caller, target.owner().clientId());
        };
    }

    /** The caller may read the target (or the client a body names): its existence is no secret to it. */
    private boolean inReadScope(String caller, Target target) {
        if (target.owner() == null) {
            return EVERYTHING.contains(role(caller));
        }
        return target.resourceId() != null && List.of("ticket", "contract").contains(target.kind())
                ? visible(caller, target) : seesClient(caller, target.owner().clientId());
    }

    private Expected expected(Operation operation, DocumentedAccess access, String caller, Target target) {
        if (caller.equals(ANONYMOUS)) {
            return Expected.UNAUTHENTICATED;
        }
        Role role = role(caller);
        if (operation.method().equals("GET")) {
            if (!access.allows(role)) {
                return Expected.FORBIDDEN;
            }
            return target.resourceId() != null && target.owner() != null && !visible(caller, target)
                    ? Expected.NOT_VISIBLE : Expected.ALLOWED;
        }
        boolean ownClient = target.owner() != null && target.owner().clientId().equals(clientOf(caller));
        if (!access.allows(role)) {
            return role == Role.CLIENT && target.owner() != null && !ownClient ? Expected.NOT_VISIBLE : Expected.REFUSED;
        }
        if (target.owner() == null) {
            return Expected.ALLOWED;
        }
        Scope scope = access.allowed().get(role);
        return switch (scope) {
            case OWN_CLIENT -> ownClient ? Expected.ALLOWED : Expected.NOT_VISIBLE;
            case FOLLOWED_CLIENTS -> caller.equals(target.owner().salesUser()) ? Expected.ALLOWED : Expected.REFUSED;
            case OWN_WORK -> caller.equals(target.worker()) ? Expected.ALLOWED : Expected.REFUSED;
            case READ -> role == Role.CLIENT && !ownClient ? Expected.NOT_VISIBLE : Expected.ALLOWED;
        };
    }

    // ------------------------------------------------------------------ one operation on one target

    private void run(Operation operation, DocumentedAccess access, Target target) throws InterruptedException {
        List<String> callers = new ArrayList<>(CALLERS);
        callers.add(ANONYMOUS);
        Map<String, Expected> expected = new LinkedHashMap<>();
        callers.forEach(caller -> expected.put(caller, expected(operation, access, caller, target)));
        // refusals first, on the resource in the state an allowed caller needs; then the allowed ones
        callers.sort(Comparator.comparing((String caller) -> expected.get(caller) == Expected.ALLOWED));
        boolean first = true;
        for (String caller : callers) {
            Expected outcome = expected.get(caller);
            cases++;
            table.computeIfAbsent(operation.name(), k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            String where = operation.name() + " [" + target.label() + "] as " + caller + " (expected " + outcome + ")";
            if (outcome == Expected.ALLOWED) {
                prepareRebuild(operation, target);
            }
            Sent sent = send(operation, target, caller, false);
            Api.Response answer = sent.answers().getFirst();
            checkProblem(where, answer);
            long leakStart = System.nanoTime();
            for (Api.Response page : sent.answers()) {
                checkNoLeak(where, caller, sent, page);
            }
            leakNanos += System.nanoTime() - leakStart;
            if (outcome != Expected.ALLOWED) {
                refusedCorrelations.put(sent.correlation(), true);
            }
            switch (outcome) {
                case UNAUTHENTICATED -> expect(where, answer, answer.status() == 401 && "UNAUTHENTICATED".equals(code(answer)));
                case FORBIDDEN -> expect(where, answer, answer.status() == 403 && "ROLE_NOT_ALLOWED".equals(code(answer)));
                case REFUSED -> {
                    boolean refused = answer.status() == 403 && "ROLE_NOT_ALLOWED".equals(code(answer))
                            || answer.status() == 404 && code(answer).endsWith("NOT_FOUND");
                    expect(where, answer, refused);
                    if (refused && canBeUnknown(operation, target) && !inReadScope(caller, target)) {
                        Api.Response unknown = unknown(operation, target, caller);
                        if (unknown.status() != answer.status() || !code(unknown).equals(code(answer))) {
                            oracles.add(operation.name() + " [" + target.label() + "] as " + caller + ": "
                                    + answer.status() + " " + code(answer) + ", unknown id " + unknown.status() + " "
                                    + code(unknown));
                        }
                    }
                }
                case NOT_VISIBLE -> {
                    // a read: 404 as for an id nobody has; a command: refused exactly as for an unknown id
                    Api.Response unknown = unknown(operation, target, caller);
                    boolean refusal = answer.status() == 404
                            || !operation.method().equals("GET") && answer.status() == 403;
                    if (!refusal || unknown.status() != answer.status() || !code(answer).equals(code(unknown))) {
                        violations.add(where + ": " + abbreviate(answer.toString()) + " but for an unknown id "
                                + abbreviate(unknown.toString()));
                    }
                }
                case ALLOWED -> {
                    boolean must2xx = operation.method().equals("GET") || target.kind().equals("creation") || first;
                    int status = answer.status();
                    boolean ok = must2xx ? status >= 200 && status < 300 : status != 401 && status != 403 && status != 404;
                    expect(where + (must2xx ? ", must succeed" : ", must not be refused"), answer, ok);
                    if (!operation.method().equals("GET") && status >= 200 && status < 300) {
                        afterSuccess(operation, target);
                    }
                    first = false;
                }
            }
            if (operation.path().endsWith("/rebuild") && answer.status() == 202) {
                awaitNoRebuild(target.resourceId());
                awaitReadModels();
            }
        }
    }

    private void expect(String where, Api.Response answer, boolean ok) {
        if (!ok) {
            violations.add(where + ": " + abbreviate(answer.toString()));
        }
    }

    /** A billet names the owner's technician, a reassignment {@link #reassignee()}: from now on it sees the ticket. */
    private void afterSuccess(Operation operation, Target target) {
        if (operation.path().endsWith("/billets")) {
            world.assignee.put(target.resourceId(), target.owner().technicianUser());
        } else if (operation.path().endsWith("/reassign")) {
            world.assignee.put(target.resourceId(), reassignee());
        }
    }

    private String reassignee;

    /** A technician that no caller is, to whom tickets are reassigned. */
    private String reassignee() {
        if (reassignee == null) {
            reassignee = world.user("TECHNICIAN", null);
        }
        return reassignee;
    }

    private static boolean canBeUnknown(Operation operation, Target target) {
        return target.resourceId() != null || target.owner() != null && target.kind().equals("creation");
    }

    // ------------------------------------------------------------------ requests

    /** A request as sent (its path and body, which its answer may echo) and every page of its answer. */
    record Sent(String path, String body, String correlation, List<Api.Response> answers) {
    }

    /** The same request on an id nobody has (the path's resource, or the client and project a body names). */
    private Api.Response unknown(Operation operation, Target target, String caller) {
        Sent sent = send(operation, target, caller, true);
        refusedCorrelations.put(sent.correlation(), true);
        return sent.answers().getFirst();
    }

    /** The operation as {@code caller}, every page of a list. */
    private Sent send(Operation operation, Target target, String caller, boolean unknown) {
        long started = System.nanoTime();
        try {
            Sent sent = doSend(operation, target, caller, unknown);
            sent.answers().stream().filter(r -> "false".equals(r.header("X-Min-Position-Reached")))
                    .forEach(r -> notReached++);
            return sent;
        } finally {
            sendNanos += System.nanoTime() - started;
        }
    }

    private Sent doSend(Operation operation, Target target, String caller, boolean unknown) {
        String id = unknown ? "unknown-" + UUID.randomUUID().toString().substring(0, 8) : target.resourceId();
        String path = operation.path().replace("{group}", id == null ? "" : id).replace("{id}", id == null ? "" : id);
        String correlation = "matrix-" + nonce + "-" + sequence.incrementAndGet();
        requests++;
        Api.Request request = caller.equals(ANONYMOUS) ? api.anonymous() : world.as(caller);
        request.header("X-Correlation-Id", correlation);
        if (operation.method().equals("GET")) {
            List<Api.Response> pages = new ArrayList<>();
            boolean paged = operation.parameters("query").stream().anyMatch(p -> p.name().equals("page"));
            String query = target.query();
            if (!paged) {
                pages.add(request.get(path + (query.isEmpty() ? "" : "?" + query)));
                return new Sent(path + "?" + query, "", correlation, pages);
            }
            for (int page = 0; ; page++) {
                String pageQuery = (query.isEmpty() ? "" : query + "&") + "size=200&page=" + page;
                Api.Response response = request.get(path + "?" + pageQuery);
                pages.add(response);
                JsonNode json = response.status() == 200 ? response.json() : null;
                if (json == null || json.path("items").size() == 0
                        || (page + 1) * 200L >= json.path("total").asLong()) {
                    return new Sent(path + "?" + query, "", correlation, pages);
                }
                requests++;
            }
        }
        String body = operation.hasBody() ? Api.JSON.writeValueAsString(body(operation, target, unknown)) : "{}";
        Api.Response response = switch (operation.method()) {
            case "PUT" -> request.put(path, body);
            case "DELETE" -> request.delete(path);
            default -> request.post(path, body);
        };
        return new Sent(path, body, correlation, List.of(response));
    }

    /** A valid body: the required properties, the optional ones the operation needs, the target's ids. */
    private ObjectNode body(Operation operation, Target target, boolean unknown) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Owner owner = target.owner() != null ? target.owner() : a;
        Map<String, JsonNode> hints = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        String clientId = unknown && target.kind().equals("creation") ? "unknown-client-" + nonce : owner.clientId();
        hints.put("clientId", nodes.stringNode(clientId));
        String projectId = unknown && target.kind().equals("creation") ? "unknown-project-" + nonce
                : operation.name().equals("POST /api/v1/contracts") ? world.project(owner.clientId()) : owner.projectId();
        hints.put("projectId", nodes.stringNode(projectId));
        hints.put("technicianId", nodes.stringNode(owner.technicianId()));
        hints.put("reason", nodes.stringNode("Contrôle des droits"));
        if (operation.body().path("properties").has("startedAt")) {
            // a technician is in one place at a time: each recording or correction in a free interval of its own
            Instant[] slot = world.slot(owner.technicianId());
            hints.put("startedAt", nodes.stringNode(slot[0].toString()));
            hints.put("endedAt", nodes.stringNode(slot[1].toString()));
        }
        hints.put("hoursSpent", nodes.numberNode(0.25));
        hints.put("estimatedHours", nodes.numberNode(1));
        String username = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        hints.put("username", nodes.stringNode(username));
        hints.put("password", nodes.stringNode(username));
        hints.put("roles", nodes.arrayNode().add("TECHNICIAN"));
        hints.put("role", nodes.stringNode("SALES"));
        hints.put("kind", nodes.stringNode("MAINTENANCE"));
        hints.put("type", nodes.stringNode("PREVENTIVE"));
        hints.put("currency", nodes.stringNode("XOF"));
        hints.put("amountMinor", nodes.numberNode(1_200_000L));
        hints.put("slaHours", nodes.numberNode(24));
        hints.put("startDate", nodes.stringNode(today.toString()));
        hints.put("endDate", nodes.stringNode(today.plusDays(364).toString()));
        switch (operation.name()) {
            case "POST /api/v1/tickets" -> hints.put("contractId", nodes.stringNode(owner.contractId()));
            case "POST /api/v1/contracts/{id}/amend" -> hints.put("slaHours", nodes.numberNode(12));
            case "POST /api/v1/contracts/{id}/renew" -> {
                hints.remove("startDate");
                hints.remove("endDate");
            }
            case "POST /api/v1/users/{id}/client" -> hints.put("clientId", nodes.stringNode(b.clientId()));
            case "POST /api/v1/users" -> hints.remove("clientId");
            case "POST /api/v1/tickets/{id}/reassign" -> hints.put("technicianId",
                    nodes.stringNode(world.userId(reassignee())));
            case "POST /api/v1/users/{id}/team" -> hints.put("salesRepId", nodes.stringNode("user-sales"));
            default -> {
            }
        }
        return new ExampleBodies(hints, today, Instant.now()).minimal(operation.body());
    }

    // ------------------------------------------------------------------ what every answer must be

    private void checkProblem(String where, Api.Response answer) {
        if (answer.status() >= 500) {
            violations.add(where + ": 5xx " + abbreviate(answer.toString()));
        }
        if (answer.status() < 300) {
            return;
        }
        String type = answer.header("Content-Type");
        String code = code(answer);
        if (type == null || !type.startsWith("application/problem+json")
                || java.util.Arrays.stream(ErrorCode.values()).noneMatch(c -> c.name().equals(code))) {
            violations.add(where + ": not a problem with a code: " + abbreviate(answer.toString()));
        }
    }

    private static String code(Api.Response answer) {
        try {
            return answer.json().path("code").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /**
     * No id, name or title of something the caller may not see, anywhere in the answer: clients, projects,
     * contracts and tickets of the clients outside its scope; for a technician, the tickets not assigned to
     * it and every contract's name. What the caller sent itself may be echoed.
     */
    private void checkNoLeak(String where, String caller, Sent sent, Api.Response answer) {
        if (caller.equals(ANONYMOUS) || EVERYTHING.contains(role(caller)) || answer.body() == null) {
            return;
        }
        boolean csv = String.valueOf(answer.header("Content-Type")).startsWith("text/csv");
        for (String secret : forbidden(caller)) {
            if (sent.path().contains(secret) || sent.body().contains(secret)) {
                continue;
            }
            if (csv ? answer.body().contains(secret) : answer.body().contains("\"" + secret + "\"")) {
                violations.add(where + ": LEAK of \"" + secret + "\" in " + abbreviate(answer.body()));
            }
        }
    }

    private Set<String> forbidden(String caller) {
        Set<String> hidden = new HashSet<>();
        List<Created> facts = new ArrayList<>(demo);
        facts.addAll(world.created);
        boolean technician = role(caller) == Role.TECHNICIAN;
        for (Created fact : facts) {
            boolean visible = switch (fact.kind()) {
                case "ticket" -> seesTicket(caller, fact.clientId(), fact.id());
                case "contract" -> !technician && seesClient(caller, fact.clientId());
                default -> seesClient(caller, fact.clientId());
            };
            if (visible) {
                continue;
            }
            if (technician) {
                // a technician's tickets show their client, project and contract: only other tickets' ids and
                // titles, and contract names, are secrets to it
                if (fact.kind().equals("ticket")) {
                    hidden.add(fact.id());
                    hidden.add(fact.name());
                } else if (fact.kind().equals("contract")) {
                    hidden.add(fact.name());
                }
            } else {
                hidden.add(fact.id());
                hidden.add(fact.name());
            }
        }
        return hidden;
    }

    // ------------------------------------------------------------------ after the matrix

    /** HTTP Basic and a bearer token with the same claims are the same caller: same answers, same rows. */
    private void basicAnswersAsTokensDo() {
        Api basic = new Api(port, this::head);
        for (String caller : CALLERS) {
            for (String path : List.of("/api/v1/tickets?size=200", "/api/v1/contracts?size=200",
                    "/api/v1/portal/contracts")) {
                Api.Response withPassword = basic.as(caller).get(path);
                Api.Response withToken = world.as(caller).get(path);
                requests += 2;
                if (withPassword.status() != withToken.status() || !ids(withPassword).equals(ids(withToken))) {
                    violations.add("GET " + path + " as " + caller + ": Basic " + abbreviate(withPassword.toString())
                            + " but bearer " + abbreviate(withToken.toString()));
                }
            }
            Map<String, String> project = Map.of("clientId", "client-a", "name", "Projet " + UUID.randomUUID());
            int withPassword = basic.as(caller).post("/api/v1/projects", project).status();
            int withToken = world.as(caller).post("/api/v1/projects", Map.of("clientId", "client-a",
                    "name", "Projet " + UUID.randomUUID())).status();
            requests += 2;
            if (withPassword != withToken) {
                violations.add("POST /api/v1/projects as " + caller + ": Basic " + withPassword + " but bearer " + withToken);
            }
        }
    }

    private static Set<String> ids(Api.Response response) {
        if (response.status() != 200) {
            return Set.of();
        }
        JsonNode json = response.json();
        JsonNode items = json.has("items") ? json.path("items") : json.path("contracts");
        return items.valueStream().map(i -> i.path("id").asString()).collect(Collectors.toSet());
    }

    /** No event carries the correlation id of a request the matrix expected to be refused. */
    private void checkEventStore() {
        List<String> stored = jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                        + "WHERE position(? in convert_from(meta_data, 'UTF8')) > 0")
                .param("matrix-" + nonce + "-").query(String.class).list();
        for (String meta : stored) {
            String correlation = Api.JSON.readTree(meta).path("correlationId").asString("");
            if (refusedCorrelations.containsKey(correlation)) {
                violations.add("an event was stored for a refused request (correlation " + correlation + "): " + meta);
            }
        }
    }

    /**
     * A rebuild's resource exists in one state at a time: before an allowed caller starts one, none may be in
     * progress; before it reads or cancels one, there is one (finished, or in progress).
     */
    private void prepareRebuild(Operation operation, Target target) throws InterruptedException {
        if (!operation.path().endsWith("/rebuild")) {
            return;
        }
        awaitNoRebuild(target.resourceId());
        if (!operation.method().equals("POST")) {
            Api.Response started = world.as("admin").post("/api/v1/admin/projections/" + target.resourceId() + "/rebuild");
            if (started.status() != 202) {
                violations.add("could not start a rebuild before " + operation.name() + ": " + abbreviate(started.toString()));
            }
            if (operation.method().equals("GET")) {
                awaitNoRebuild(target.resourceId());
            }
        }
    }

    private void awaitNoRebuild(String group) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Api.Response rebuild = world.as("admin").get("/api/v1/admin/projections/" + group + "/rebuild");
            if (rebuild.status() == 404
                    || !List.of("REQUESTED", "BUILDING", "SWAPPING").contains(rebuild.json().path("status").asString())) {
                return;
            }
            Thread.sleep(100);
        }
        violations.add("the rebuild of " + group + " did not finish within 60 s");
    }

    private void awaitReadModels() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode overview = world.as("admin").get("/api/v1/admin/projections").json();
            if (overview.path("processors").valueStream().allMatch(p -> !p.path("error").asBoolean()
                    && (p.path("lag").isNull() || p.path("lag").asLong() == 0))) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private String report(List<Operation> operations, long millis) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nAuthorisation matrix: %d operations × %d callers (11 roles' demo users and anonymous) × their "
                        + "targets = %d cases, %d requests, %d ms%n", operations.size(), CALLERS.size() + 1, cases,
                requests, millis));
        out.append(String.format(Locale.ROOT, "  preparing resources %d ms, requests %d ms, leak checks %d ms, the same "
                        + "requests as HTTP Basic %d ms; %d reads answered before the read models reached the store's "
                        + "head%n", setupNanos / 1_000_000, sendNanos / 1_000_000, leakNanos / 1_000_000, basicMillis,
                notReached));
        Map<Expected, Integer> totals = new TreeMap<>();
        table.forEach((op, counts) -> counts.forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        out.append("  expected outcomes: ").append(totals).append('\n');
        table.forEach((op, counts) -> out.append(String.format(Locale.ROOT, "    %-58s %s%n", op, counts)));
        out.append("  refusals of callers outside the resource's read scope that tell it from an unknown id (")
                .append(oracles.size()).append("):\n");
        oracles.stream().sorted().forEach(o -> out.append("    ").append(o).append('\n'));
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
