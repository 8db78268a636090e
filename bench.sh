#!/usr/bin/env bash
# The benchmark suite (README "Performance"): builds the application and the bench module, then starts the
# packaged application on fresh durable embedded PostgreSQL data directories under bench/target/work, builds a
# history through the API and prints each figure next to this machine's limit, measured on the same PostgreSQL
# in the same run (median [min-max] of the runs). Written to bench/results/latest.json (--out to change).
#   ./bench.sh --quick                   # 300 tickets, 8 and 32 clients, short windows: <= 8 min on 2 cores
#   ./bench.sh                           # 10,000 tickets, 1/8/32 clients, 3 runs (prints its estimate)
#   ./bench.sh --tickets 100000 --out bench/results/100k.json
#   ./bench.sh --help                    # every option
# BENCH_SKIP_BUILD=1 ./bench.sh ...      # reuse the jars already built
set -euo pipefail
cd "$(dirname "$0")"
source scripts/select-jdk.sh
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  echo "Building the application and the bench module (tests skipped)..." >&2
  ./mvnw -q -B -DskipTests package -pl app,bench -am
fi
exec "$JAVA_HOME/bin/java" -jar bench/target/maintenance-bench.jar "$@"
