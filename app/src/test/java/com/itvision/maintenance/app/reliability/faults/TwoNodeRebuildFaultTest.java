package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.ChildApplication;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModels;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes on one database rebuild the ticket read model (rebuild batches of one event, so that it takes
 * seconds); the node that holds a segment of {@code ticket-projection#rebuild} is killed (kill -9) in the middle.
 * Pass: the other node claims the dead node's segments once their claim times out, finishes the rebuild and swaps
 * it in exactly once (one "swapped in" line in both logs, one DONE row); afterwards the read models equal a
 * rebuild from scratch, reconciliation 0, no dead letters.
 */
@Tag("faults")
class TwoNodeRebuildFaultTest {
    private static final String GROUP = Projections.TICKETS;
    private static final String REBUILD = ReadModels.rebuildProcessor(GROUP);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void the_other_node_finishes_a_rebuild_whose_node_died_and_swaps_it_in_exactly_once() throws Exception {
        String slow = "--maintenance.rebuild.batch-size=1";
        try (FaultRig rig = FaultRig.create("rebuild-two-nodes")) {
            rig.startApplication(slow);
            try (LoadGenerator load = LoadGenerator.start(rig.port(), 4, 0)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                while (rig.head() < 2_000 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                load.stop();
            }
            long events = rig.head();
            int port2 = freePort();
            List<String> arguments = new ArrayList<>(rig.postgres().applicationArguments());
            arguments.addAll(List.of("--server.port=" + port2, "--maintenance.demo.enabled=true",
                    "--maintenance.reconciliation.initial-delay=1h", slow));
            try (ChildApplication node2 = ChildApplication.launch(rig.dir().resolve("node2.log"), arguments)) {
                node2.awaitReady(FaultRig.READY_WAIT);
                Api api2 = new Api(port2);
                Api.Response requested = rig.api().as("analyst").post("/api/v1/admin/projections/" + GROUP + "/rebuild");
                assertThat(requested.status()).as("%s", requested).isEqualTo(202);
                String id = requested.json().path("id").asString();

                // the node working on segment 0 of the rebuild, once it has made some progress
                String owner = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    owner = owner(rig);
                    if (owner != null && status(rig, id).equals("BUILDING") && rig.queryLong(
                            "SELECT events_done FROM projection_rebuild WHERE id = ?::uuid", id) > 0) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertThat(owner).as("a node claims segment 0 of %s", REBUILD).isNotNull();
                boolean node1 = owner.startsWith(rig.application().pid() + "@");
                assertThat(node1 || owner.startsWith(node2.pid() + "@")).as("owner %s", owner).isTrue();
                long doneAtKill = rig.queryLong("SELECT events_done FROM projection_rebuild WHERE id = ?::uuid", id);
                String statusAtKill = status(rig, id);
                assertThat(statusAtKill).as("killed mid-rebuild").isEqualTo("BUILDING");
                long killedAt = System.nanoTime();
                if (node1) {
                    rig.killApplication();
                } else {
                    node2.kill();
                }
                Api survivor = node1 ? api2 : rig.api();

                String status = null;
                deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline) {
                    status = survivor.as("admin").get("/api/v1/admin/projections/" + GROUP + "/rebuild").json()
                            .path("status").asString();
                    if (status.equals("DONE") || status.equals("FAILED") || status.equals("CANCELLED")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                assertThat(status).as("the rebuild after the kill").isEqualTo("DONE");
                long swaps = swapLines(rig, id);
                assertThat(swaps).as("swapped in exactly once").isEqualTo(1);
                assertThat(rig.queryLong("SELECT count(*) FROM token_entry WHERE processor_name = ?", REBUILD)).isZero();
                assertThat(rig.queryLong("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_rebuild' "
                        + "OR tablename LIKE '%\\_\\_old'")).isZero();

                // the check reads the processors' status on node 1, so node 1 ends alone (node 2 stopped gracefully
                // releases its claims at once)
                if (node1) {
                    rig.restartApplication();
                }
                assertThat(node2.stop(Duration.ofSeconds(60))).as("node 2 stops").isTrue();
                ReadModelCheck.Report check = new ReadModelCheck(rig).verify();
                String line = ("%d events; node %s (owner of segment 0) killed at %d events done (BUILDING); the other "
                        + "node claimed its segments, finished and swapped in %s after the kill, %d swap; %s")
                        .formatted(events, node1 ? "1" : "2", doneAtKill, seconds(takeover), swaps, check);
                System.out.println("TwoNodeRebuildFaultTest: " + line);
                FaultResults.record("rebuild on two nodes, one killed", line);
            }
        }
    }

    private static String owner(FaultRig rig) throws Exception {
        try (Connection db = rig.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT owner FROM token_entry WHERE processor_name = ? AND segment = 0 AND owner IS NOT NULL")) {
            query.setString(1, REBUILD);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String status(FaultRig rig, String id) throws Exception {
        try (Connection db = rig.connect();
             PreparedStatement query = db.prepareStatement("SELECT status FROM projection_rebuild WHERE id = ?::uuid")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** "swapped in" lines of rebuild {@code id} in both nodes' logs. */
    private static long swapLines(FaultRig rig, String id) throws Exception {
        long lines = 0;
        for (var log : List.of(rig.log(), rig.dir().resolve("node2.log"))) {
            if (Files.exists(log)) {
                try (var all = Files.lines(log)) {
                    lines += all.filter(l -> l.contains("Rebuild " + id) && l.contains("swapped in")).count();
                }
            }
        }
        return lines;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
