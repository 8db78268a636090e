package com.itvision.maintenance.projections.support;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.SettingsTools;
import org.jooq.Table;

/**
 * A {@link DSLContext} that renders every table of a read model as its {@code __rebuild} copy: the rebuild
 * processor's handler instances are the projection classes themselves, built with a
 * {@link ProjectionBatches} over this context, so a rebuild writes exactly what the live model writes,
 * into other tables, without a second copy of the projection code. Same connections and transactions.
 */
public final class RebuildDsl {
    private RebuildDsl() {
    }

    public static DSLContext of(DSLContext dsl, String group) {
        List<Table<?>> tables = ReadModels.tables(group);
        MappedSchema schema = new MappedSchema().withInput("");
        tables.forEach(t -> schema.withTables(new MappedTable().withInput(t.getName()).withOutput(ReadModels.shadow(t))));
        MappedSchema publicSchema = new MappedSchema().withInput("public");
        tables.forEach(t -> publicSchema.withTables(
                new MappedTable().withInput(t.getName()).withOutput(ReadModels.shadow(t))));
        return dsl.configuration().derive(SettingsTools.clone(dsl.settings()).withRenderMapping(
                new RenderMapping().withSchemata(schema, publicSchema))).dsl();
    }
}
