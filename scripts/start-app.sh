#!/usr/bin/env bash
# Starts the built application (app/target/maintenance-app.jar) with a start-up cache of its loaded and linked
# classes: a JDK 25+ AOT cache (JEP 483/514), else a JDK 21+ CDS archive. The cache is trained once per jar
# (~15 s: a run that starts the context on a scratch embedded database and exits) and kept in
# startup-cache beside the jar; it halves the time to healthy (issue 9, ADR 0022, README "Performance").
# Usage: scripts/start-app.sh [application arguments...]
#        scripts/start-app.sh --prepare     trains the cache if needed, then exits (the bench, before timing)
#   JAVA_OPTS   JVM options (default: -Xmx1g)
#   MAINTENANCE_APP_JAR   the jar (default: app/target/maintenance-app.jar)
#   MAINTENANCE_STARTUP_CACHE=off   run the plain jar
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${JAVA_HOME:-}" ] || source scripts/select-jdk.sh
jar="${MAINTENANCE_APP_JAR:-app/target/maintenance-app.jar}"
cache="$(dirname "$jar")/startup-cache"
extracted="$cache/app/$(basename "$jar")"
prepare=false
if [ "${1:-}" = --prepare ]; then prepare=true; shift; fi
read -r -a jvm_opts <<< "${JAVA_OPTS:--Xmx1g}"
java="$JAVA_HOME/bin/java"

if [ "${MAINTENANCE_STARTUP_CACHE:-on}" = off ]; then
  $prepare && exit 0
  exec "$java" "${jvm_opts[@]}" -jar "$jar" "$@"
fi

major="$("$java" -XshowSettings:properties -version 2>&1 \
  | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print v[1]; exit}')"
if [ "$major" -ge 25 ]; then
  train=(-XX:AOTCacheOutput="$cache/app.aot"); use=(-XX:AOTCache="$cache/app.aot")
else
  train=(-XX:ArchiveClassesAtExit="$cache/app.jsa"); use=(-XX:SharedArchiveFile="$cache/app.jsa")
fi
key="$(stat -L -c "%s %Y" "$jar") jdk-$major"  # size and mtime: hashing 100 MB would cost 0.3 s of every start
if [ "$(cat "$cache/key" 2>/dev/null)" != "$key" ]; then
  echo "Training the start-up cache for this build (once per jar, ~15 s)..." >&2
  rm -rf "$cache" && mkdir -p "$cache"
  scratch="$(mktemp -d)"
  if "$java" -Djarmode=tools -jar "$jar" extract --destination "$cache/app" > "$cache/training.log" 2>&1 \
      && "$java" "${jvm_opts[@]}" "${train[@]}" -Dspring.context.exit=onRefresh -jar "$extracted" \
           --maintenance.embedded-db.data-dir="$scratch/postgres" --server.port=0 --maintenance.demo.enabled=false \
           >> "$cache/training.log" 2>&1; then
    echo "$key" > "$cache/key"
  else
    echo "Could not train the start-up cache (see $cache/training.log): starting without it" >&2
    rm -rf "$scratch"
    $prepare && exit 0
    exec "$java" "${jvm_opts[@]}" -jar "$jar" "$@"
  fi
  rm -rf "$scratch"
fi
$prepare && exit 0
exec "$java" "${jvm_opts[@]}" "${use[@]}" -jar "$extracted" "$@"
