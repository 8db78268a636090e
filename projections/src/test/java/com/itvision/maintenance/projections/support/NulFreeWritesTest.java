package com.itvision.maintenance.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * What the read models write never holds a NUL, whatever the event says: PostgreSQL refuses it in
 * {@code text} and {@code jsonb}. The end-to-end proof (an event with NUL appended to the store is
 * projected) is {@code app/.../readmodel/UnstorableTextProjectionTest}.
 */
class NulFreeWritesTest {
    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);

    @Test
    void every_nul_bound_to_a_statement_becomes_the_replacement_character_and_nothing_else_changes() {
        Field<String> title = DSL.field("title", String.class);
        Field<Integer> applied = DSL.field("applied", Integer.class);
        Query query = SQL.insertInto(DSL.table("read_ticket")).set(title, "Erreur\u0000CB\u0000").set(applied, 1)
                .onConflict(DSL.field("ticket_id")).doUpdate().set(title, "bell\u0007 tab\t").set(applied, applied.plus(1));

        ProjectionBatch.storable(query);

        assertThat(query.getBindValues()).containsExactly("Erreur\uFFFDCB\uFFFD", 1, "bell\u0007 tab\t", 1);
    }

    @Test
    void json_columns_never_carry_the_nul_escape_that_jsonb_refuses() {
        TechnicalReport report = new TechnicalReport("Erreur\u0000 500", "cause", "solution", "impact", null, "a\nb");

        String json = Json.write(report);

        assertThat(json).doesNotContain("\\u0000").doesNotContain("\u0000").contains("Erreur\uFFFD 500")
                .contains("a\\nb");
        assertThat(Json.read(json, TechnicalReport.class).initialProblem()).isEqualTo("Erreur\uFFFD 500");
        assertThat(Json.write(Map.of("k\u0000", "v"))).isEqualTo("{\"k\uFFFD\":\"v\"}");
    }
}
