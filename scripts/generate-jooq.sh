#!/usr/bin/env bash
# Regenerates the jOOQ classes of the read models (projections/src/main/jooq) from the Flyway
# migrations, applied to an embedded PostgreSQL. Run it after changing a migration; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/select-jdk.sh
./mvnw -q -B -pl projections -am -DskipTests install
./mvnw -q -B -pl projections test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=com.itvision.maintenance.projections.codegen.JooqCodegen
echo "Generated into projections/src/main/jooq"
