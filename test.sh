#!/usr/bin/env bash
# Runs the whole test suite: aggregate fixtures, ArchUnit rules, and the integration tests on an
# embedded PostgreSQL (no Docker needed). Extra arguments go to Maven, e.g. ./test.sh -pl command-side
set -euo pipefail
cd "$(dirname "$0")"
source scripts/select-jdk.sh
exec ./mvnw -B verify "$@"
