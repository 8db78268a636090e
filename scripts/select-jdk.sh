#!/usr/bin/env bash
# Sourced by run.sh, test.sh and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm, else `java` on PATH.

_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit}'
}

_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(_jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    dir="${dir%/}"
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major="$(_jdk_major "$dir")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    major="$(_jdk_major "$dir")"
    [ -n "$major" ] && [ "$major" -ge 21 ] && best="$dir"
  fi
  if [ -z "$best" ]; then
    echo "No JDK >= 21 found. Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK $(_jdk_major "$JAVA_HOME") at $JAVA_HOME" >&2
