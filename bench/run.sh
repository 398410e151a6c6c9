#!/usr/bin/env bash
# Steward's benchmark: builds Steward, seeds data at the size asked for, and measures in one run
# the read and write endpoints against two baselines on the same machine — a minimal Vert.x +
# reactive-Postgres "single query" endpoint, and pgbench running a delegation's own SQL.
#
#   bench/run.sh [--catalogs N] [--per-catalog N] [--users N] [--audit N] [--policies N]
#                [--duration S] [--connections N] [--heap SIZE] [--rounds N] [--out FILE]
#
# Every figure is compared with the median of the warm baseline runs of the same run: the baseline
# is warmed as long as Steward is, then measured before each read in every round (--rounds, 1 by
# default), and a read's figure is its median over the rounds. After each read the baseline runs
# once more with its answer padded to the read's bytes per answer, and a second ratio is printed
# against that: what Steward costs beyond the bytes it sends. JAVA_OPTS reach Steward's JVM
# (default: -Xmx from --heap only); BENCH_REBUILD=0 skips the build, BENCH_MVN_ARGS reach Maven.
# BENCH_PROFILE=key,key (e.g. audit,requestable) records a JFR profile of Steward while each of those
# reads is measured, and prints its hottest frames (bench/profile.sh) into bench-profile-<key>.txt.
# WARMUP (20 s) is how long each read, the baseline and the writes are warmed; PACED_WINDOWS (3) how
# many windows of --duration measure each p99 at 70% of peak (the median is the figure).
#
# Needs wrk, pgbench and psql (Debian: apt-get install wrk postgresql-15 postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."

CATALOGS=1000 PER=10 USERS=5000 AUDIT=1000000 POLICIES=10000 DURATION=10 CONNS=16 HEAP=256m ROUNDS=1 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --catalogs) CATALOGS=$2; shift 2 ;;
    --per-catalog) PER=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --audit) AUDIT=$2; shift 2 ;;
    --policies) POLICIES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk pgbench psql; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install wrk postgresql-15 postgresql-client)" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/steward-bench.XXXXXX)
PG_PORT=55432 API_PORT=18480 MGMT_PORT=19464 BASE_PORT=18481
for port in $PG_PORT $API_PORT $MGMT_PORT $BASE_PORT 13890; do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: is another benchmark still running?" >&2
    exit 2
  fi
done
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== building"
[ -f bootstrap/target/steward.jar ] && [ "${BENCH_REBUILD:-1}" = 0 ] || ./mvnw -B -q -DskipTests ${BENCH_MVN_ARGS:-} package

echo "== generating $USERS directory users"
{
  for ((i = 0; i < USERS; i++)); do
    printf 'dn: uid=bench-%d,ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: bench-%d\ncn: Bench User %d\nsn: User\ndisplayName: Bench User %d\nuserPassword: bench-pw\nentryUUID: 2b000000-0000-4000-8000-%012d\n\n' "$i" "$i" "$i" "$i" "$i"
  done
} > "$WORK/users.ldif"

LDAP_ENV=()
if [ -x /usr/sbin/slapd ] && [ -x /usr/sbin/slapadd ]; then
  # A real OpenLDAP, indexed as a production directory would be.
  LDAP_PORT=13890
  mkdir -p "$WORK/slapd/data"
  cat > "$WORK/slapd/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $WORK/slapd/slapd.pid
database mdb
maxsize 1073741824
suffix "dc=example,dc=org"
rootdn "cn=steward,dc=example,dc=org"
rootpw bench-service-pw
directory $WORK/slapd/data
index objectClass,entryUUID,member,uid,cn,owner eq
CONF
  { cat bootstrap/src/main/resources/demo/demo.ldif; echo; cat "$WORK/users.ldif"; } > "$WORK/slapd/all.ldif"
  slapadd -q -f "$WORK/slapd/slapd.conf" -l "$WORK/slapd/all.ldif"
  /usr/sbin/slapd -f "$WORK/slapd/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0 > "$WORK/slapd.log" 2>&1 &
  PIDS+=("$!")
  sleep 1
  LDAP_ENV=(STEWARD_LDAP_HOST=127.0.0.1 STEWARD_LDAP_PORT=$LDAP_PORT STEWARD_LDAP_BIND_DN=cn=steward,dc=example,dc=org
            STEWARD_LDAP_BIND_PASSWORD=bench-service-pw STEWARD_LDAP_BASE_DN=dc=example,dc=org)
  DIRECTORY="OpenLDAP slapd ($(/usr/sbin/slapd -VV 2>&1 | head -1 | grep -o 'slapd [0-9.]*'))"
else
  LDAP_ENV=(STEWARD_EMBEDDED_LDAP_EXTRA_LDIF="$WORK/users.ldif")
  DIRECTORY="the embedded in-memory LDAP server (no slapd here)"
fi

echo "== starting Steward (heap $HEAP) on embedded Postgres and $DIRECTORY"
env STEWARD_DATA_DIR="$WORK/data" STEWARD_HTTP_PORT=$API_PORT STEWARD_MANAGEMENT_PORT=$MGMT_PORT \
  STEWARD_EMBEDDED_PG_PORT=$PG_PORT "${LDAP_ENV[@]}" \
  STEWARD_PG_POOL_SIZE=8 STEWARD_SCHEDULER_INTERVAL_SECONDS=0 STEWARD_HTTP_MAX_CONNECTIONS_PER_CLIENT=1000 \
  java -Xmx"$HEAP" ${JAVA_OPTS:-} -XX:+PrintCommandLineFlags -jar bootstrap/target/steward.jar > "$WORK/steward.log" 2>&1 &
STEWARD_PID=$!
PIDS+=("$STEWARD_PID")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || { cat "$WORK/steward.log"; exit 1; }

# The embedded Postgres requires passwords; its superuser's is kept beside the data directory.
PGPASSWORD=$(awk -F= '$1 == "superuser" {print $2}' "$WORK/data/postgres.credentials")
export PGPASSWORD
PSQL=(psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d steward -v ON_ERROR_STOP=1)
echo "== seeding $CATALOGS catalogs x $PER role assignments"
SEED_START=$(date +%s)
"${PSQL[@]}" -v catalogs="$CATALOGS" -v per="$PER" -v users="$USERS" -v audit="$AUDIT" -v policies="$POLICIES" -f bench/seed.sql
echo "   seeded in $(( $(date +%s) - SEED_START )) s: $("${PSQL[@]}" -tAc 'SELECT count(*) FROM role_assignment') role assignments"

echo "== starting the single-query baseline"
java -cp bootstrap/target/steward.jar bench/SingleQuery.java $BASE_PORT $PG_PORT "$CATALOGS" > "$WORK/baseline.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$BASE_PORT/catalog" >/dev/null 2>&1 && break; sleep 0.5; done

BASIC="Basic $(printf 'bench-0:bench-pw' | base64)"
# The Graph SDKs' path: a bearer token from Steward's token endpoint, verified on every request.
TOKEN=$(curl -sf -d 'grant_type=password&username=bench-0&password=bench-pw' "http://127.0.0.1:$API_PORT/oauth2/v2.0/token" \
  | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4)
[ -n "$TOKEN" ] || { echo "no bearer token from the token endpoint" >&2; exit 1; }
BEARER="Bearer $TOKEN"
CATALOG0=3c000000-0000-4000-8000-000000000000
API="http://127.0.0.1:$API_PORT/v1.0"
ASSIGNMENTS_URL="$API/roleManagement/entitlementManagement/roleAssignments?\$filter=appScopeId%20eq%20'%2FAccessPackageCatalog%2F$CATALOG0'&\$expand=principal"
PERMISSIONS_URL="$API/roleManagement/entitlementManagement/myPermissions?appScopeId=%2FAccessPackageCatalog%2F$CATALOG0"
CATALOGS_URL="$API/identityGovernance/entitlementManagement/catalogs?\$top=50"
# bench-0 owns catalog 0: the 50 newest of its records, out of $AUDIT in all.
AUDIT_URL="$API/auditLogs/directoryAudits?\$top=50"
# The packages bench-0 may ask for: $POLICIES policies, of which every thousandth names bench-0.
REQUESTABLE_URL="$API/identityGovernance/entitlementManagement/accessPackages/filterByCurrentUser(on='allowedRequestor')"
BASE_URL="http://127.0.0.1:$BASE_PORT/catalog"

# wrk prints latency in us/ms/s; turn a figure into milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v*1000 } else print v }'; }

# run NAME CONNECTIONS AUTH URL [extra wrk args...] -> "rps p50 p99 non2xx"; every wrk socket error
# (connect, read, write, timeout) counts as a non-2xx too.
run() {
  local name=$1 conns=$2 auth=$3 url=$4; shift 4
  # Warm up (JIT, caches, prepared statements), then measure.
  BENCH_WARMUP=1 wrk -t2 -c"$conns" -d"${RUN_WARMUP:-3}s" -H "Authorization: $auth" "$@" "$url" >/dev/null 2>&1 || true
  local key=${name%-[0-9]*} profiling=""
  if [[ ",${BENCH_PROFILE:-}," == *",$key,"* ]]; then
    profiling=1
    jcmd "$STEWARD_PID" JFR.start name="$name" settings=profile filename="$WORK/$name.jfr" >/dev/null
  fi
  wrk -t2 -c"$conns" -d"${DURATION}s" --latency -H "Authorization: $auth" "$@" "$url" > "$WORK/$name.txt" 2>&1
  if [ -n "$profiling" ]; then
    jcmd "$STEWARD_PID" JFR.stop name="$name" >/dev/null
    bench/profile.sh "$WORK/$name.jfr" > "bench-profile-$key.txt" 2>&1 || true
  fi
  local rps p50 p99 errors socket
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")")
  errors=$(awk '/^non2xx=/ {sub(/^non2xx=/, ""); print} /Non-2xx/ {print $NF}' "$WORK/$name.txt" | tail -1)
  socket=$(awk '/Socket errors/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' "$WORK/$name.txt")
  echo "$rps $p50 $p99 $(( ${errors:-0} + ${socket:-0} ))"
}

# Bytes per answer (headers included) of a finished wrk run, from its Transfer/sec and Requests/sec.
bytes_per_answer() {
  awk '/Requests\/sec/ {r = $2} /Transfer\/sec/ {v = $2; m = 1; if (v ~ /KB$/) m = 1024; else if (v ~ /MB$/) m = 1048576; else if (v ~ /GB$/) m = 1073741824; sub(/[KMG]?B$/, "", v); t = v * m} END {if (r > 0) printf "%.0f", t / r; else print "n/a"}' "$WORK/$1.txt"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# Steward has far more code than the baseline for the JIT to compile, on the same two cores: warm
# every read endpoint first, and the baseline as long, so that no measurement is of a cold server.
echo "== warming up Steward's read endpoints and the baseline (${WARMUP:-20}s each)"
for url in "$ASSIGNMENTS_URL" "$PERMISSIONS_URL" "$CATALOGS_URL" "$AUDIT_URL" "$REQUESTABLE_URL" "$REQUESTABLE_URL?\$expand=assignmentPolicies"; do
  wrk -t2 -c"$CONNS" -d"${WARMUP:-20}s" -H "Authorization: $BASIC" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNS" -d"${WARMUP:-20}s" -H "Authorization: $BEARER" "$url" >/dev/null 2>&1 || true
done
wrk -t2 -c"$CONNS" -d"${WARMUP:-20}s" "$BASE_URL" >/dev/null 2>&1 || true
wrk -t2 -c"$CONNS" -d"${WARMUP:-20}s" "http://127.0.0.1:$BASE_PORT/padded/5000" >/dev/null 2>&1 || true

# The reads: key, label, auth header, URL.
READS=(
  "assignments|list a catalog's role assignments (\`\$expand=principal\`), Basic|$BASIC|$ASSIGNMENTS_URL"
  "assignments-bearer|the same, bearer token|$BEARER|$ASSIGNMENTS_URL"
  "permissions|what may I do here (\`myPermissions\`), Basic|$BASIC|$PERMISSIONS_URL"
  "permissions-bearer|the same, bearer token|$BEARER|$PERMISSIONS_URL"
  "catalogs|list catalogs (\`\$top=50\`), Basic|$BASIC|$CATALOGS_URL"
  "catalogs-bearer|the same, bearer token|$BEARER|$CATALOGS_URL"
  "audit|a catalog owner's 50 newest audit records (\`\$top=50\`, $AUDIT records), Basic|$BASIC|$AUDIT_URL"
  "requestable|packages I may request (\`filterByCurrentUser(on='allowedRequestor')\`, $POLICIES policies), Basic|$BASIC|$REQUESTABLE_URL"
  "requestable-policies|the same with the policies that let me (\`\$expand=assignmentPolicies\`), Basic|$BASIC|$REQUESTABLE_URL?\$expand=assignmentPolicies"
)

echo "== measuring (${DURATION}s each, $CONNS connections, $ROUNDS round(s), a baseline before every read)"
declare -A RPS P50 P99 ERR PADDED ADJACENT
BASE_ALL=()
BASE_ERR=0
for ((round = 1; round <= ROUNDS; round++)); do
  for entry in "${READS[@]}"; do
    IFS='|' read -r key label auth url <<<"$entry"
    read -r b_rps _ _ b_err <<<"$(run "baseline-$round-$key" "$CONNS" none "$BASE_URL")"
    BASE_ALL+=("$b_rps"); BASE_ERR=$(( BASE_ERR + b_err ))
    read -r rps p50 p99 err <<<"$(run "$key-$round" "$CONNS" "$auth" "$url")"
    RPS[$key]="${RPS[$key]:-} $rps"; P50[$key]="${P50[$key]:-} $p50"; P99[$key]="${P99[$key]:-} $p99"
    ERR[$key]=$(( ${ERR[$key]:-0} + err ))
    ADJACENT[$key]="${ADJACENT[$key]:-} $(ratio "$rps" "$b_rps")"
    # The baseline again, its answer padded to as many bytes as this read's: what the same bytes
    # cost a server that does nothing else (sending and wrk reading 38 KB is not free on two cores).
    extra=$(awk -v a="$(bytes_per_answer "$key-$round")" -v b="$(bytes_per_answer "baseline-$round-$key")" \
      'BEGIN { e = a - b; print (e > 0 ? int(e) : 0) }')
    read -r p_rps _ _ p_err <<<"$(run "padded-$round-$key" "$CONNS" none "http://127.0.0.1:$BASE_PORT/padded/$extra")"
    PADDED[$key]="${PADDED[$key]:-} $p_rps"; BASE_ERR=$(( BASE_ERR + p_err ))
  done
done
read -r b_rps _ _ b_err <<<"$(run "baseline-last" "$CONNS" none "$BASE_URL")"
BASE_ALL+=("$b_rps"); BASE_ERR=$(( BASE_ERR + b_err ))
BASE_MEDIAN=$(echo "${BASE_ALL[*]}" | median)
BASE_MIN=$(echo "${BASE_ALL[*]}" | tr ' ' '\n' | sort -g | head -1)
BASE_MAX=$(echo "${BASE_ALL[*]}" | tr ' ' '\n' | sort -g | tail -1)
A_RPS=$(echo "${RPS[assignments]}" | median)

# p99 at 70% of peak: wrk with a pause before every request on every connection (bench/paced.lua:
# exponential pauses averaging 9 ms, so that the connections' requests arrive like an open stream
# and not in lockstep), with as many connections as give 70% of the rate measured above, found by
# one calibration run (at most 900: wrk is one client address, so the bench lets Steward take 1,000
# connections from it instead of the default 200, which had capped the pace at 190 connections).
# A 10 s window's p99 on two shared cores moves with whatever else the machine
# did in it, so each is measured in PACED_WINDOWS windows (3 by default): the median p99 is the
# figure, and every window's is printed beside it.
# (A Java open-loop generator was tried first: on two shared cores it took the CPU Steward needed.)
paced_windows() {
  local name=$1 conns=$2 auth=$3 url=$4 w rate p50 p99 err rates="" p50s="" p99s="" errs=0
  for w in $(seq 1 "${PACED_WINDOWS:-3}"); do
    read -r rate p50 p99 err <<<"$(RUN_WARMUP=3 run "$name-$w" "$conns" "$auth" "$url" -s bench/paced.lua)"
    rates="$rates $rate"; p50s="$p50s $p50"; p99s="$p99s $p99"; errs=$(( errs + err ))
  done
  echo "$(echo "$rates" | median) $(echo "$p50s" | median) $(echo "$p99s" | median) $errs $(echo $p99s | tr ' ' '/')"
}
paced() {
  local name=$1 label=$2 auth=$3 peak=$4 target conns rate p50 p99 err each
  target=$(awk -v p="$peak" 'BEGIN { printf "%.0f", p * 0.7 }')
  conns=$(awk -v t="$target" 'BEGIN { c = int(t * 0.010 + 0.5); print (c < 1 ? 1 : c) }')
  export BENCH_PAUSE_MS=9
  wrk -t2 -c"$conns" -d3s -H "Authorization: $auth" -s bench/paced.lua "$ASSIGNMENTS_URL" > "$WORK/$name-calibration.txt" 2>&1 || true
  rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name-calibration.txt")
  conns=$(awk -v c="$conns" -v t="$target" -v r="${rate:-0}" 'BEGIN { if (r > 0) c = int(c * t / r + 0.5); print (c < 1 ? 1 : (c > 900 ? 900 : c)) }')
  read -r rate p50 p99 err each <<<"$(paced_windows "$name" "$conns" "$auth" "$ASSIGNMENTS_URL")"
  echo "| $label at 70% of its peak ($target req/s aimed at: $conns connections, pauses averaging 9 ms; $(ratio "$rate" "$peak")× of peak reached; p99 of each window $each ms) | $rate | $p50 | $p99 | $err | | | | |"
  # The same load on the baseline padded to the same bytes: the tail this machine gives a server
  # that does nothing else at that pace (wrk, Postgres and the server share the two cores).
  read -r rate p50 p99 err each <<<"$(paced_windows "$name-baseline" "$conns" none "http://127.0.0.1:$BASE_PORT/padded/$RA_EXTRA")"
  echo "| the baseline padded to as many bytes, paced the same ($conns connections; p99 of each window $each ms) | $rate | $p50 | $p99 | $err | | | | |"
}
# How many bytes the role-assignment answer has beyond the baseline's, for the paced baseline.
RA_EXTRA=$(awk -v a="$(bytes_per_answer assignments-1)" -v b="$(bytes_per_answer baseline-1-assignments)" \
  'BEGIN { e = a - b; print (e > 0 ? int(e) : 0) }')
B_RPS=$(echo "${RPS[assignments-bearer]}" | median)
OPEN_ROWS=$(paced paced-basic "role assignments, Basic," "$BASIC" "$A_RPS"; paced paced-bearer "role assignments, bearer token," "$BEARER" "$B_RPS")

# Writes: each wrk connection delegates its own users in turn (users partitioned per connection), so
# no two requests ever touch the same user and a 409 or any other non-2xx is a real error.
export BENCH_CATALOG=$CATALOG0 BENCH_AUTH="$BASIC" BENCH_FIRST_USER=$(( USERS / 2 )) BENCH_USER_SPAN=$(( USERS / 2 )) BENCH_CONNECTIONS=$CONNS
# Warmed as long as pgbench is below: the write path is more code than any read, and the JIT was
# still compiling it 30 s into a run (C2 half of Steward's CPU in a perf profile) when it was warmed
# for 3 s only.
read -r W_RPS W_P50 W_P99 W_ERR <<<"$(RUN_WARMUP=${WARMUP:-20} run writes "$CONNS" "$BASIC" "$API/roleManagement/entitlementManagement/roleAssignments" -s bench/delegate.lua)"
W_STATUSES=$(awk '/^status / {printf "%s%s x%s", sep, $2, $3; sep = ", "}' "$WORK/writes.txt")

echo "== pgbench: the delegation's SQL, delegate + remove per transaction pair"
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNS" -j 2 -T "${WARMUP:-20}" -f bench/delegate.sql \
  -D catalog=$CATALOG0 -D caller=2b000000-0000-4000-8000-000000000000 steward >/dev/null 2>&1 || true
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNS" -j 2 -T "$DURATION" -f bench/delegate.sql -r \
  -D catalog=$CATALOG0 -D caller=2b000000-0000-4000-8000-000000000000 steward > "$WORK/pgbench.txt" 2>&1
G_TPS=$(awk '/^tps/ {print $3; exit}' "$WORK/pgbench.txt")
G_LAT=$(awk '/^latency average/ {print $4}' "$WORK/pgbench.txt")
G_FAILED=$(awk '/^number of failed transactions/ {print $5}' "$WORK/pgbench.txt")

HEAP_MB=$(curl -sf "http://127.0.0.1:$MGMT_PORT/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
RSS_MB=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$STEWARD_PID/status")
JVM_FLAGS=$(grep -m1 -- '-XX:' "$WORK/steward.log" | tr ' ' '\n' | grep -E 'MaxHeapSize|InitialHeapSize|Use[A-Za-z0-9]*GC$|ActiveProcessorCount' | tr '\n' ' ')

W_PAIRS=$(awk -v r="$W_RPS" 'BEGIN { printf "%.1f", r / 2 }')
row() {
  local key=$1 label=$2 rps
  rps=$(echo "${RPS[$key]}" | median)
  echo "| $label | $rps | $(echo "${P50[$key]}" | median) | $(echo "${P99[$key]}" | median) | ${ERR[$key]} | $(bytes_per_answer "$key-1") | $(ratio "$rps" "$BASE_MEDIAN") | $(echo "${ADJACENT[$key]}" | median) | $(ratio "$rps" "$(echo "${PADDED[$key]}" | median)") ($(echo "${PADDED[$key]}" | median)) |"
}
TABLE=$(
  echo "| measurement | req/s | p50 ms | p99 ms | non-2xx | bytes/answer | ratio to median warm baseline | median ratio to the baseline run just before | ratio to the baseline padded to as many bytes (its req/s) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| baseline: Vert.x + pg single query, median of ${#BASE_ALL[@]} warm runs ($BASE_MIN–$BASE_MAX) | $BASE_MEDIAN | | | $BASE_ERR | $(bytes_per_answer baseline-last) | 1.00 | | |"
  for entry in "${READS[@]}"; do
    IFS='|' read -r key label _ _ <<<"$entry"
    row "$key" "$label"
  done
  echo "$OPEN_ROWS"
  echo "| baseline: pgbench, a delegation's SQL (pairs/s) | $G_TPS | avg $G_LAT | | ${G_FAILED:-0} failed | | 1.00 | | |"
  echo "| delegate + remove over HTTP (pairs/s), users partitioned per connection | $W_PAIRS | $W_P50 | $W_P99 | $W_ERR${W_STATUSES:+ ($W_STATUSES)} | | $(ratio "$W_PAIRS" "$G_TPS") | | |"
  echo
  echo "Each read: median of $ROUNDS round(s), each right after a warm baseline run; ratios to the median of all ${#BASE_ALL[@]} baseline runs (${BASE_ALL[*]} req/s)."
  echo "Next to last: the median over the rounds of each read's ratio to the baseline run right before it (the machine's drift taken out)."
  echo "Last column: each read against the same baseline with its answer padded to the read's bytes per answer (run right after the read, median of the rounds). The target is the ratio to the median warm baseline."
  echo "Data: $CATALOGS catalogs, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM role_assignment') role assignments, $USERS directory users,"
  echo "$("${PSQL[@]}" -tAc 'SELECT count(*) FROM access_package') access packages, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM assignment_policy') policies, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM access_package_assignment') assignments, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM audit_record') audit records."
  echo "Steward after the run: heap used ${HEAP_MB} MB (limit $HEAP), RSS ${RSS_MB} MB. $CONNS connections, ${DURATION}s per measurement."
  echo "Steward's JVM: $(java -version 2>&1 | head -1); -Xmx$HEAP ${JAVA_OPTS:-}; flags: ${JVM_FLAGS}"
  echo "Transport: Steward $(grep -o '(native epoll transport)\|(Java NIO transport[^)]*)' "$WORK/steward.log" | head -1 | tr -d '()'), the baseline $(grep -o 'native epoll transport\|Java NIO transport' "$WORK/baseline.log" | head -1)."
  echo "Directory: $DIRECTORY. Postgres: the embedded server (14), shared by Steward, the baseline and pgbench."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)."
)
echo
echo "$TABLE"
if [ -n "$OUT" ]; then
  echo "$TABLE" > "$OUT"
fi
