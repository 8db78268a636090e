package com.itvision.maintenance.projections.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed jOOQ classes are exactly what the current migrations generate. */
class GeneratedJooqIsCurrentTest {

    @Test
    void committed_jooq_classes_match_the_migrations(@TempDir Path fresh) throws Exception {
        JooqCodegen.generate(fresh);
        assertThat(contents(JooqCodegen.MODULE.resolve("src/main/jooq")))
                .as("projections/src/main/jooq is stale: run scripts/generate-jooq.sh and commit the result")
                .isEqualTo(contents(fresh));
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }
}
