#!/usr/bin/env bash
# Steward's benchmark: builds Steward, seeds data at the size asked for, and measures in one run
# the read and write endpoints against two baselines on the same machine — a minimal Vert.x +
# reactive-Postgres "single query" endpoint, and pgbench running a delegation's own SQL.
#
#   bench/run.sh [--catalogs N] [--per-catalog N] [--users N] [--audit N] [--duration S]
#                [--connections N] [--heap SIZE] [--out FILE]
#
# Needs wrk, pgbench and psql (Debian: apt-get install wrk postgresql-15 postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."

CATALOGS=1000 PER=10 USERS=5000 AUDIT=1000000 DURATION=10 CONNS=16 HEAP=256m OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --catalogs) CATALOGS=$2; shift 2 ;;
    --per-catalog) PER=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --audit) AUDIT=$2; shift 2 ;;
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
[ -f bootstrap/target/steward.jar ] && [ "${BENCH_REBUILD:-1}" = 0 ] || ./mvnw -B -q -DskipTests package

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
  STEWARD_PG_POOL_SIZE=8 STEWARD_SCHEDULER_INTERVAL_SECONDS=0 \
  java -Xmx"$HEAP" -jar bootstrap/target/steward.jar > "$WORK/steward.log" 2>&1 &
STEWARD_PID=$!
PIDS+=("$STEWARD_PID")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || { cat "$WORK/steward.log"; exit 1; }

PSQL=(psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d steward -v ON_ERROR_STOP=1)
echo "== seeding $CATALOGS catalogs x $PER role assignments"
SEED_START=$(date +%s)
"${PSQL[@]}" -v catalogs="$CATALOGS" -v per="$PER" -v users="$USERS" -v audit="$AUDIT" -f bench/seed.sql
echo "   seeded in $(( $(date +%s) - SEED_START )) s: $("${PSQL[@]}" -tAc 'SELECT count(*) FROM role_assignment') role assignments"

echo "== starting the single-query baseline"
java -cp bootstrap/target/steward.jar bench/SingleQuery.java $BASE_PORT $PG_PORT "$CATALOGS" > "$WORK/baseline.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$BASE_PORT/catalog" >/dev/null 2>&1 && break; sleep 0.5; done

AUTH="Basic $(printf 'bench-0:bench-pw' | base64)"
CATALOG0=3c000000-0000-4000-8000-000000000000
API="http://127.0.0.1:$API_PORT/v1.0"
ASSIGNMENTS_URL="$API/roleManagement/entitlementManagement/roleAssignments?\$filter=appScopeId%20eq%20'%2FAccessPackageCatalog%2F$CATALOG0'&\$expand=principal"
PERMISSIONS_URL="$API/roleManagement/entitlementManagement/myPermissions?appScopeId=%2FAccessPackageCatalog%2F$CATALOG0"
CATALOGS_URL="$API/identityGovernance/entitlementManagement/catalogs?\$top=50"
# bench-0 owns catalog 0: the 50 newest of its records, out of $AUDIT in all.
AUDIT_URL="$API/auditLogs/directoryAudits?\$top=50"

# wrk prints latency in us/ms/s; turn a figure into milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v*1000 } else print v }'; }

# run NAME CONNECTIONS URL [extra wrk args...] -> "rps p50 p99 non2xx"
run() {
  local name=$1 conns=$2 url=$3; shift 3
  # Warm up (JIT, caches, prepared statements), then measure.
  wrk -t2 -c"$conns" -d3s -H "Authorization: $AUTH" "$@" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$conns" -d"${DURATION}s" --latency -H "Authorization: $AUTH" "$@" "$url" > "$WORK/$name.txt" 2>&1
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")")
  errors=$(awk -F= '/non2xx=/ {print $2} /Non-2xx/ {print $NF}' "$WORK/$name.txt" | tail -1)
  echo "$rps $p50 $p99 ${errors:-0}"
}

# Steward has far more code than the baseline for the JIT to compile, on the same two cores:
# warm every read endpoint first, so that the first one measured is not the one that pays.
echo "== warming up Steward's read endpoints (${WARMUP:-20}s each)"
for url in "$ASSIGNMENTS_URL" "$PERMISSIONS_URL" "$CATALOGS_URL" "$AUDIT_URL"; do
  wrk -t2 -c"$CONNS" -d"${WARMUP:-20}s" -H "Authorization: $AUTH" "$url" >/dev/null 2>&1 || true
done

echo "== measuring (${DURATION}s each, $CONNS connections)"
# Each read is compared with a baseline measured just before it, so that a machine whose speed
# drifts during the run (other tenants, thermal limits) does not skew the ratios.
BASE_URL="http://127.0.0.1:$BASE_PORT/catalog"
read -r B_RPS B_P50 B_P99 B_ERR <<<"$(run baseline "$CONNS" "$BASE_URL")"
read -r A_RPS A_P50 A_P99 A_ERR <<<"$(run assignments "$CONNS" "$ASSIGNMENTS_URL")"
read -r B2_RPS B2_P50 B2_P99 B2_ERR <<<"$(run baseline2 "$CONNS" "$BASE_URL")"
read -r P_RPS P_P50 P_P99 P_ERR <<<"$(run permissions "$CONNS" "$PERMISSIONS_URL")"
read -r B3_RPS B3_P50 B3_P99 B3_ERR <<<"$(run baseline3 "$CONNS" "$BASE_URL")"
read -r C_RPS C_P50 C_P99 C_ERR <<<"$(run catalogs "$CONNS" "$CATALOGS_URL")"
read -r B4_RPS B4_P50 B4_P99 B4_ERR <<<"$(run baseline4 "$CONNS" "$BASE_URL")"
read -r U_RPS U_P50 U_P99 U_ERR <<<"$(run audit "$CONNS" "$AUDIT_URL")"
LOW=$(( CONNS / 4 > 0 ? CONNS / 4 : 1 ))
read -r L_RPS L_P50 L_P99 L_ERR <<<"$(run assignments-low "$LOW" "$ASSIGNMENTS_URL")"
export BENCH_CATALOG=$CATALOG0 BENCH_AUTH="$AUTH" BENCH_FIRST_USER=$(( USERS / 2 )) BENCH_USER_SPAN=$(( USERS / 2 ))
read -r W_RPS W_P50 W_P99 W_ERR <<<"$(run writes "$CONNS" "$API/roleManagement/entitlementManagement/roleAssignments" -s bench/delegate.lua)"

echo "== pgbench: the delegation's SQL, delegate + remove per transaction pair"
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNS" -j 2 -T 3 -f bench/delegate.sql \
  -D catalog=$CATALOG0 -D caller=2b000000-0000-4000-8000-000000000000 -D first=$(( USERS / 2 )) -D span=$(( USERS / 2 )) steward >/dev/null 2>&1 || true
pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNS" -j 2 -T "$DURATION" -f bench/delegate.sql -r \
  -D catalog=$CATALOG0 -D caller=2b000000-0000-4000-8000-000000000000 -D first=$(( USERS / 2 )) -D span=$(( USERS / 2 )) steward > "$WORK/pgbench.txt" 2>&1
G_TPS=$(awk '/^tps/ {print $3; exit}' "$WORK/pgbench.txt")
G_LAT=$(awk '/^latency average/ {print $4}' "$WORK/pgbench.txt")

HEAP_MB=$(curl -sf "http://127.0.0.1:$MGMT_PORT/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
RSS_MB=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$STEWARD_PID/status")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
W_PAIRS=$(awk -v r="$W_RPS" 'BEGIN { printf "%.1f", r / 2 }')
TABLE=$(cat <<TABLE
| measurement | req/s | p50 ms | p99 ms | non-2xx | ratio to baseline |
|---|---:|---:|---:|---:|---:|
| baseline: Vert.x + pg single query | $B_RPS | $B_P50 | $B_P99 | $B_ERR | 1.00 |
| list a catalog's role assignments (\`\$expand=principal\`) | $A_RPS | $A_P50 | $A_P99 | $A_ERR | $(ratio "$A_RPS" "$B_RPS") |
| baseline again | $B2_RPS | $B2_P50 | $B2_P99 | $B2_ERR | 1.00 |
| what may I do here (\`myPermissions\`) | $P_RPS | $P_P50 | $P_P99 | $P_ERR | $(ratio "$P_RPS" "$B2_RPS") |
| baseline again | $B3_RPS | $B3_P50 | $B3_P99 | $B3_ERR | 1.00 |
| list catalogs (\`\$top=50\`) | $C_RPS | $C_P50 | $C_P99 | $C_ERR | $(ratio "$C_RPS" "$B3_RPS") |
| baseline again | $B4_RPS | $B4_P50 | $B4_P99 | $B4_ERR | 1.00 |
| a catalog owner's 50 newest audit records (\`\$top=50\`, $AUDIT records) | $U_RPS | $U_P50 | $U_P99 | $U_ERR | $(ratio "$U_RPS" "$B4_RPS") |
| role assignments at $LOW connections ($(ratio "$L_RPS" "$A_RPS")× of peak) | $L_RPS | $L_P50 | $L_P99 | $L_ERR | |
| baseline: pgbench, a delegation's SQL (pairs/s) | $G_TPS | avg $G_LAT | | | 1.00 |
| delegate + remove over HTTP (pairs/s) | $W_PAIRS | $W_P50 | $W_P99 | $W_ERR | $(ratio "$W_PAIRS" "$G_TPS") |

Data: $CATALOGS catalogs, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM role_assignment') role assignments, $USERS directory users,
$("${PSQL[@]}" -tAc 'SELECT count(*) FROM access_package') access packages, $("${PSQL[@]}" -tAc 'SELECT count(*) FROM access_package_assignment') assignments.
Steward after the run: heap used ${HEAP_MB} MB (limit $HEAP), RSS ${RSS_MB} MB. $CONNS connections, ${DURATION}s per measurement.
Directory: $DIRECTORY. Postgres: the embedded server (14), shared by Steward, the baseline and pgbench.
Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1).
TABLE
)
echo
echo "$TABLE"
if [ -n "$OUT" ]; then
  echo "$TABLE" > "$OUT"
fi
