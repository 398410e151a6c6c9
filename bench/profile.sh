#!/usr/bin/env bash
# The hottest frames of a JFR recording: for each method, the share of execution samples whose
# stack holds it (inclusive) and whose top it is (self), Steward's own and the libraries' alike.
#
#   bench/profile.sh RECORDING.jfr [TOP]
set -euo pipefail
JFR_FILE=$1 TOP=${2:-40}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$JFR_FILE" | awk -v top="$TOP" '
  /jdk.ExecutionSample/ { if (n) flush(); n = 0; delete seen; samples++; next }
  /^[[:space:]]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(/ {
    frame = $1; sub(/\(.*/, "", frame)
    if (n == 0) self[frame]++
    if (!(frame in seen)) { seen[frame] = 1; incl[frame]++ }
    n++
  }
  function flush() { }
  END {
    printf "%d samples\n%-8s %-8s %s\n", samples, "incl%", "self%", "method"
    for (f in incl) printf "%7.1f  %7.1f  %s\n", 100 * incl[f] / samples, 100 * self[f] / samples, f | "sort -rn | head -" top
  }'
