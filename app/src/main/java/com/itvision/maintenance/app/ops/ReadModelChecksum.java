package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.projections.support.ReadModels;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order-independent digest of a read model's content, computed in SQL: per table, the row count and
 * the sum of the first 60 bits of the MD5 of each row's text (every column, in table order). The read
 * tables hold only business keys and values taken from the events (ids, numbers, states, the events'
 * own instants, the aggregate version and the applied-event count): no surrogate key, no time of
 * projection, so a model rebuilt from the same events has the same digest as the one built incrementally.
 * The group's digest is the SHA-256 of its tables' lines. One REPEATABLE READ snapshot for all tables.
 */
@Component
public class ReadModelChecksum {
    private final DSLContext dsl;
    private final TransactionTemplate snapshot;

    public ReadModelChecksum(DSLContext dsl, PlatformTransactionManager transactions) {
        this.dsl = dsl;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public record TableChecksum(String table, long rows, String digest) {
    }

    /** {@code digest}: the group's; {@code tables}: each table's row count and sum. */
    public record Checksum(String group, String source, String digest, long rows, List<TableChecksum> tables) {
    }

    /** {@code source}: {@code live} (the tables queries read) or {@code rebuild} (the copies being built). */
    public Checksum of(String group, String source) {
        ProjectionRebuilds.requireKnown(group);
        boolean rebuild = switch (source == null ? "live" : source) {
            case "live" -> false;
            case "rebuild" -> true;
            default -> throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "source must be live or rebuild");
        };
        return snapshot.execute(tx -> {
            List<TableChecksum> tables = new ArrayList<>();
            for (Table<?> table : ReadModels.tables(group)) {
                String name = rebuild ? ReadModels.shadow(table) : table.getName();
                if (rebuild && dsl.fetchValue("SELECT to_regclass(?)::text", name) == null) {
                    throw DomainException.rule(ErrorCode.NOT_FOUND, "No rebuild of " + group + " in progress");
                }
                Record sums = dsl.fetchOne("SELECT count(*) AS n, coalesce(sum(('x' || substr(md5(t::text), 1, 15))"
                        + "::bit(60)::bigint::numeric), 0) AS s FROM " + name + " t");
                tables.add(new TableChecksum(table.getName(), sums.get("n", Long.class),
                        sums.get("s", BigDecimal.class).toPlainString()));
            }
            return new Checksum(group, rebuild ? "rebuild" : "live", digest(tables),
                    tables.stream().mapToLong(TableChecksum::rows).sum(), tables);
        });
    }

    private static String digest(List<TableChecksum> tables) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            tables.forEach(t -> sha.update((t.table() + " " + t.rows() + " " + t.digest() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
