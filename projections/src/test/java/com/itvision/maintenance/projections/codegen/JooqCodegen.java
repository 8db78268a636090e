package com.itvision.maintenance.projections.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes of the read models from the real schema: the Flyway migrations run on an
 * embedded PostgreSQL, then jOOQ reads it (ADR 0008). The output is committed under src/main/jooq;
 * {@code GeneratedJooqIsCurrentTest} fails when a migration changed and this was not re-run:
 * {@code scripts/generate-jooq.sh}.
 */
public final class JooqCodegen {
    public static final String PACKAGE = "com.itvision.maintenance.projections.jooq";
    /** The projections module, whether started from the repository root (exec:java) or the module (tests). */
    static final Path MODULE = Files.exists(Path.of("projections", "pom.xml")) ? Path.of("projections") : Path.of(".");
    static final Path APP_MIGRATIONS = MODULE.resolve("../app/src/main/resources/db/migration");
    static final Path READ_MODEL_MIGRATIONS = MODULE.resolve("src/main/resources/db/migration");

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        generate(MODULE.resolve("src/main/jooq"));
    }

    static void generate(Path outputDirectory) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .locations("filesystem:" + APP_MIGRATIONS.toAbsolutePath(),
                            "filesystem:" + READ_MODEL_MIGRATIONS.toAbsolutePath())
                    .load()
                    .migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(postgres.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres")
                            .withPassword("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withIncludes("read_.*"))
                            .withGenerate(new Generate()
                                    .withGeneratedAnnotation(false)
                                    .withComments(false)
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false))
                            .withTarget(new Target()
                                    .withPackageName(PACKAGE)
                                    .withDirectory(outputDirectory.toAbsolutePath().toString())
                                    .withClean(true))));
        }
    }
}
