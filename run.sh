#!/usr/bin/env bash
# Builds the application and runs it on its embedded PostgreSQL with demo data (see README).
# Any extra argument is passed to the application, e.g. ./run.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
source scripts/select-jdk.sh
./mvnw -q -B -DskipTests install
exec scripts/start-app.sh "$@"
