#!/usr/bin/env bash
# Request -> approve -> deliver through a real slapd, against ldapmodify adding the same members.
# Starts OpenLDAP slapd (demo directory + --users generated users), Steward on its embedded
# Postgres pointed at it, and bench/Deliver.java: for each of --requests users, with --clients
# clients, the user requests a package (userAdd), its named approver approves stage 1, and the user
# reads the request until it is delivered — Steward has then written the member into a slapd group.
# Steward is warmed first with --warmup other users on another package and group (not counted).
# The baseline, in the same run on the same slapd: ldapmodify adding the same users to a fresh
# group with as many processes as there are clients (one connection each), warmed first on a group
# of its own, measured three times before Steward and twice after; the ratio is to the median run.
# Around the measured batch the script also records, per delivered request, Steward's HTTP and
# LDAP timings (its metrics), slapd's operations (cn=Monitor), Postgres's transactions and rows,
# the CPU each process used, and samples of what Steward's Postgres sessions wait on (waits.sql).
#
#   bench/deliver.sh [--requests K] [--warmup W] [--clients C] [--users N] [--packages P]
#                    [--heap SIZE] [--out FILE]
#
# Defaults: 500 requests, 1000 warm-up users, 4 clients, 5000 directory users, 1 package, 256m.
# --packages P has P packages grant the same group, the users dealt out among them: every request
# and every approval locks its package's row, so with one package they all queue there.
#
# JAVA_OPTS reach Steward's JVM; the jar is built when missing (or with BENCH_REBUILD=1;
# BENCH_MVN_ARGS reach Maven). Needs slapd, slapadd, ldapmodify, ldapsearch, psql and curl
# (Debian: apt-get install slapd ldap-utils postgresql-client curl).
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=500 WARMUP=1000 CLIENTS=4 USERS=5000 PACKAGES=1 HEAP=256m OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) REQUESTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --packages) PACKAGES=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in /usr/sbin/slapd /usr/sbin/slapadd ldapmodify ldapsearch psql curl; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install slapd ldap-utils postgresql-client curl)" >&2; exit 2; }
done
(( USERS >= WARMUP + REQUESTS )) || USERS=$(( WARMUP + REQUESTS ))

WORK=$(mktemp -d /tmp/steward-deliver.XXXXXX)
# Ports of their own: run.sh uses 55432/18480/19464/18481/13890, reconcile.sh 13891; 389 and 636
# belong to the Samba AD tests.
PG_PORT=55433 API_PORT=18482 MGMT_PORT=19465 LDAP_PORT=13892
for port in $PG_PORT $API_PORT $MGMT_PORT $LDAP_PORT; do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: is another benchmark still running?" >&2
    exit 2
  fi
done
PIDS=()
cleanup() {
  if [ -f "$WORK/sampler.pid" ]; then kill "$(cat "$WORK/sampler.pid")" 2>/dev/null || true; fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [ ! -f bootstrap/target/steward.jar ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  echo "== building"
  ./mvnw -B -q -DskipTests ${BENCH_MVN_ARGS:-} package
fi

BASE=dc=example,dc=org
BIND=cn=steward,$BASE
BIND_PW=bench-service-pw
# The groups: Steward's measured and warm-up groups (their entryUUIDs are what Deliver.java adds
# as resources), and fresh groups for ldapmodify's warm-up and measured runs. groupOfNames needs a
# member: each starts with its own DN, as Steward's group writer keeps an emptied group.
STEWARD_GROUP=cn=bench-deliver,ou=groups,$BASE
STEWARD_WARM_GROUP=cn=bench-deliver-warmup,ou=groups,$BASE
BASE_GROUPS=(bench-ldapmodify-warmup bench-ldapmodify-1 bench-ldapmodify-2 bench-ldapmodify-3 bench-ldapmodify-4 bench-ldapmodify-5)

echo "== generating $USERS directory users and the bench groups"
{
  for ((i = 0; i < USERS; i++)); do
    printf 'dn: uid=bench-%d,ou=people,%s\nobjectClass: inetOrgPerson\nuid: bench-%d\ncn: Bench User %d\nsn: User\ndisplayName: Bench User %d\nuserPassword: bench-pw\nentryUUID: 2b000000-0000-4000-8000-%012d\n\n' "$i" "$BASE" "$i" "$i" "$i" "$i"
  done
  printf 'dn: %s\nobjectClass: groupOfNames\ncn: bench-deliver\nmember: %s\nentryUUID: 1d000000-0000-4000-8000-0000000000d1\n\n' "$STEWARD_GROUP" "$STEWARD_GROUP"
  printf 'dn: %s\nobjectClass: groupOfNames\ncn: bench-deliver-warmup\nmember: %s\nentryUUID: 1d000000-0000-4000-8000-0000000000d0\n\n' "$STEWARD_WARM_GROUP" "$STEWARD_WARM_GROUP"
  n=0
  for g in "${BASE_GROUPS[@]}"; do
    printf 'dn: cn=%s,ou=groups,%s\nobjectClass: groupOfNames\ncn: %s\nmember: cn=%s,ou=groups,%s\nentryUUID: 1d000000-0000-4000-8000-0000000000e%d\n\n' "$g" "$BASE" "$g" "$g" "$BASE" "$n"
    n=$(( n + 1 ))
  done
} > "$WORK/users.ldif"

# A real OpenLDAP, indexed as a production directory would be (as bench/run.sh has it).
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
suffix "$BASE"
rootdn "$BIND"
rootpw $BIND_PW
directory $WORK/slapd/data
index objectClass,entryUUID,member,uid,cn,owner eq
# cn=Monitor, for the count of LDAP operations Steward makes per delivery.
database monitor
rootdn "$BIND"
CONF
{ cat bootstrap/src/main/resources/demo/demo.ldif; echo; cat "$WORK/users.ldif"; } > "$WORK/slapd/all.ldif"
slapadd -q -f "$WORK/slapd/slapd.conf" -l "$WORK/slapd/all.ldif"
/usr/sbin/slapd -f "$WORK/slapd/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0 > "$WORK/slapd.log" 2>&1 &
SLAPD_PID=$!
PIDS+=("$SLAPD_PID")
for _ in $(seq 1 40); do (echo > "/dev/tcp/127.0.0.1/$LDAP_PORT") 2>/dev/null && break; sleep 0.25; done
DIRECTORY="OpenLDAP $(/usr/sbin/slapd -VV 2>&1 | head -1 | grep -o 'slapd [0-9.]*') (back_mdb)"

# CPU time (user + system, in clock ticks) a process has used.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
LDAP_CLIENT=(-x -H "ldap://127.0.0.1:$LDAP_PORT" -D "$BIND" -w "$BIND_PW")
# ldapmodify_run GROUP FIRST COUNT -> "seconds errors slapd-ticks": adds users bench-FIRST.. to the group with
# $CLIENTS ldapmodify processes at once, the users dealt round-robin, one connection each.
ldapmodify_run() {
  local group=$1 first=$2 count=$3 dir c i start end errors=0
  dir=$(mktemp -d "$WORK/ldapmodify.XXXX")
  for ((i = 0; i < count; i++)); do
    printf 'dn: cn=%s,ou=groups,%s\nchangetype: modify\nadd: member\nmember: uid=bench-%d,ou=people,%s\n\n' \
      "$group" "$BASE" "$(( first + i ))" "$BASE" >> "$dir/$(( i % CLIENTS )).ldif"
  done
  local pids=() slapd_before
  slapd_before=$(ticks "$SLAPD_PID")
  start=$(date +%s%N)
  for ((c = 0; c < CLIENTS && c < count; c++)); do
    ldapmodify -c "${LDAP_CLIENT[@]}" -f "$dir/$c.ldif" > /dev/null 2> "$dir/$c.err" &
    pids+=("$!")
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  end=$(date +%s%N)
  for ((c = 0; c < CLIENTS && c < count; c++)); do
    errors=$(( errors + $(grep -c '^ldap_modify' "$dir/$c.err" || true) ))
    [ -s "$dir/$c.err" ] && sed 's/^/   ldapmodify: /' "$dir/$c.err" >&2
  done
  awk -v s="$start" -v e="$end" -v n="$errors" -v t=$(( $(ticks "$SLAPD_PID") - slapd_before )) \
    'BEGIN { printf "%.3f %d %d\n", (e - s) / 1e9, n, t }'
}
# bench_members DN -> the group's uid=bench-* members, one uid a line, sorted.
bench_members() {
  ldapsearch -LLL -o ldif-wrap=no "${LDAP_CLIENT[@]}" -b "$1" -s base '(objectClass=*)' member \
    | awk '/^member: uid=bench-/ { sub(/^member: uid=/, ""); sub(/,.*/, ""); print }' | sort
}

# Warm-up users: bench-0 .. bench-(W-1); measured users: bench-W .. bench-(W+K-1), for Steward and
# ldapmodify alike.
FIRST=$WARMUP
# Five measured ldapmodify runs, each into a fresh group: three before Steward, two after.
B_S=() B_E=() B_T=()
baseline() {
  local s e t
  read -r s e t <<<"$(ldapmodify_run "${BASE_GROUPS[$1]}" "$FIRST" "$REQUESTS")"
  B_S+=("$s"); B_E+=("$e"); B_T+=("$t")
}
echo "== ldapmodify: warm-up ($WARMUP adds), then three measured runs of $REQUESTS adds, $CLIENTS processes"
ldapmodify_run "${BASE_GROUPS[0]}" 0 "$WARMUP" > /dev/null
baseline 1; baseline 2; baseline 3

echo "== starting Steward (heap $HEAP) on embedded Postgres and $DIRECTORY"
env STEWARD_DATA_DIR="$WORK/data" STEWARD_HTTP_PORT=$API_PORT STEWARD_MANAGEMENT_PORT=$MGMT_PORT \
  STEWARD_EMBEDDED_PG_PORT=$PG_PORT STEWARD_LDAP_HOST=127.0.0.1 STEWARD_LDAP_PORT=$LDAP_PORT \
  STEWARD_LDAP_BIND_DN="$BIND" STEWARD_LDAP_BIND_PASSWORD=$BIND_PW STEWARD_LDAP_BASE_DN=$BASE \
  java -Xmx"$HEAP" ${JAVA_OPTS:-} -XX:+PrintCommandLineFlags -jar bootstrap/target/steward.jar > "$WORK/steward.log" 2>&1 &
STEWARD_PID=$!
PIDS+=("$STEWARD_PID")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || { cat "$WORK/steward.log"; exit 1; }

# Right before and after the measured batch, Deliver.java runs this: Steward's metrics and
# Postgres's own counters (after a second, for the statistics collector to have them).
PGPASSWORD=$(awk -F= '$1 == "superuser" {print $2}' "$WORK/data/postgres.credentials")
export PGPASSWORD
cat > "$WORK/snapshot.sh" <<SNAP
set -e
# While the batch runs, sample Steward's Postgres sessions every 50 ms (bench/waits.sql).
if [ "\$1" = after ] && [ -f "$WORK/sampler.pid" ]; then kill "\$(cat "$WORK/sampler.pid")" 2>/dev/null || true; fi
sleep 1
curl -sf "http://127.0.0.1:$MGMT_PORT/metrics" > "$WORK/metrics-\$1.txt"
psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d steward -tA -F ' ' -c \\
  "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = 'steward'" \\
  > "$WORK/pg-\$1.txt"
# CPU ticks: Steward, Postgres (postmaster and its backends), slapd, the clients (Deliver.java, this
# script's parent), and the machine's busy and total time over all cores.
pm=\$(head -1 "$WORK/data/postgres/postmaster.pid")
cpu() { awk '{ print \$14 + \$15 }' "/proc/\$1/stat"; }
{
  cpu $STEWARD_PID
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="\$pm" '\$1 == pm || \$4 == pm { s += \$14 + \$15 } END { print s }'
  cpu $SLAPD_PID
  cpu \$PPID
  awk '\$1 == "cpu" { t = 0; for (i = 2; i <= 9; i++) t += \$i; print t - \$5 - \$6; print t }' /proc/stat
} | tr '\n' ' ' > "$WORK/cpu-\$1.txt"
# LDAP operations slapd has started, by kind.
ldapsearch -LLL -o ldif-wrap=no -x -H "ldap://127.0.0.1:$LDAP_PORT" -D "$BIND" -w "$BIND_PW" \\
  -b cn=Operations,cn=Monitor -s one '(objectClass=*)' monitorOpInitiated \\
  | awk '/^dn: / { split(\$2, a, /[=,]/); op = a[2] } /^monitorOpInitiated:/ { print op, \$2 }' > "$WORK/ldap-\$1.txt"
if [ "\$1" = before ]; then
  { cat "$PWD/bench/waits.sql"; printf '\\\\watch 0.05\\n'; } \\
    | psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d steward -tA > "$WORK/waits.txt" 2>&1 &
  echo \$! > "$WORK/sampler.pid"
fi
SNAP

echo "== Steward: set-up, warm-up ($WARMUP users, not counted), then $REQUESTS users, $CLIENTS clients"
java -cp bootstrap/target/steward.jar bench/Deliver.java "$API_PORT" "$WORK" "$CLIENTS" 0 "$WARMUP" "$FIRST" "$REQUESTS" "$PACKAGES" \
  > "$WORK/deliver.txt" 2> "$WORK/deliver.err" || { cat "$WORK/deliver.err" >&2; exit 1; }
grep -v '^warming up\|^measuring' "$WORK/deliver.err" | sed 's/^/   non-2xx or not delivered: /' >&2 || true
result() { awk -v k="$1" '$1 == "result" && $2 == k { print $3 }' "$WORK/deliver.txt"; }

echo "== ldapmodify: two more measured runs of $REQUESTS adds, after Steward"
baseline 4; baseline 5

echo "== checking the groups in slapd"
seq "$FIRST" $(( FIRST + REQUESTS - 1 )) | sed 's/^/bench-/' | sort > "$WORK/expected.txt"
bench_members "$STEWARD_GROUP" > "$WORK/steward-members.txt"
STEWARD_MEMBERS=$(wc -l < "$WORK/steward-members.txt")
if cmp -s "$WORK/expected.txt" "$WORK/steward-members.txt"; then
  STEWARD_CHECK="exactly the $REQUESTS requesters"
else
  STEWARD_CHECK="MISMATCH: $STEWARD_MEMBERS bench members, $(comm -23 "$WORK/expected.txt" "$WORK/steward-members.txt" | wc -l) missing, $(comm -13 "$WORK/expected.txt" "$WORK/steward-members.txt" | wc -l) unexpected"
fi
BASE_CHECK=""
for g in "${BASE_GROUPS[@]:1}"; do
  if bench_members "cn=$g,ou=groups,$BASE" | cmp -s "$WORK/expected.txt" -; then r=ok; else r=MISMATCH; fi
  BASE_CHECK="$BASE_CHECK $g $r;"
done
WARM_MEMBERS=$(bench_members "$STEWARD_WARM_GROUP" | wc -l)

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "n/a" }'; }
B_RATES=()
for s in "${B_S[@]}"; do B_RATES+=("$(rate "$REQUESTS" "$s")"); done
B_MED=$(printf '%s\n' "${B_RATES[@]}" | sort -g | sed -n 3p)
B_ERR=0
for e in "${B_E[@]}"; do B_ERR=$(( B_ERR + e )); done
# ldapmodify gives no per-operation latency: its mean is processes / the median run's adds per s.
B_MEAN_MS=$(awk -v r="$B_MED" -v c="$CLIENTS" 'BEGIN { printf "%.2f", c * 1000 / r }')
# slapd's CPU per add, over all five runs.
B_SLAPD_MS=$(awk -v t="$(IFS=+; echo $(( ${B_T[*]} )))" -v n=$(( 5 * REQUESTS )) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
S_RATE=$(result per_second)
RATIO=$(awk -v a="$S_RATE" -v b="$B_MED" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')
HEAP_MB=$(curl -sf "http://127.0.0.1:$MGMT_PORT/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
RSS_MB=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$STEWARD_PID/status")
JVM_FLAGS=$(grep -m1 -- '-XX:' "$WORK/steward.log" | tr ' ' '\n' | grep -E 'MaxHeapSize|InitialHeapSize|Use[A-Za-z0-9]*GC$|ActiveProcessorCount' | tr '\n' ' ')
LOG_PROBLEMS=$(grep -cE '(WARN|ERROR|SEVERE|WARNING)' "$WORK/steward.log" || true)

# Where a delivered request's time went, server side, over the measured batch only: the change in
# Steward's metrics per delivered request, and in Postgres's counters.
DELIVERED=$(result delivered)
BREAKDOWN=$(awk -v n="$DELIVERED" '
  function label(k) { gsub(/[{}"]/, "", k); gsub(/,outcome=success/, "", k); sub(/^kind=/, "", k); return k }
  FNR == NR { if ($1 ~ /_(count|sum)[{]/) before[$1] = $2; next }
  $1 ~ /_(count|sum)[{]/ {
    d = $2 - before[$1]; key = $1
    if (sub(/^steward_ldap_operations_seconds_count/, "", key)) ldap_n[key] = d
    else if (sub(/^steward_ldap_operations_seconds_sum/, "", key)) ldap_s[key] = d
    else if (key ~ /^vertx_pool_queue_time_seconds_count[{]pool_name="steward-ldap"/) queue_n = d
    else if (key ~ /^vertx_pool_queue_time_seconds_sum[{]pool_name="steward-ldap"/) queue_s = d
    else if (key ~ /entitlementManagement\/(assignmentRequests|assignmentApprovals)/) {
      if (sub(/^vertx_http_server_response_time_seconds_count/, "", key)) http_n[key] = d
      else if (sub(/^vertx_http_server_response_time_seconds_sum/, "", key)) http_s[key] = d
    }
  }
  END {
    if (n == 0) exit
    for (k in http_n) if (http_n[k] > 0) {
      r = k; sub(/.*method=/, "", r); gsub(/[{}"]/, "", r); sub(/,route=\/v1.0\/identityGovernance\/entitlementManagement/, " …", r)
      c = k; sub(/^[{]code="/, "", c); sub(/".*/, "", c)
      printf "| HTTP %s (%s), time in Steward | %.2f | %.2f |\n", r, c, http_n[k] / n, http_s[k] / http_n[k] * 1000
    }
    for (k in ldap_n) if (ldap_n[k] > 0)
      printf "| LDAP %s (Steward'\''s call, incl. its worker queue) | %.2f | %.2f |\n", label(k), ldap_n[k] / n, ldap_s[k] / ldap_n[k] * 1000
    if (queue_n > 0) printf "| … of which waiting for an LDAP worker thread | %.2f | %.2f |\n", queue_n / n, queue_s / queue_n * 1000
  }' "$WORK/metrics-before.txt" "$WORK/metrics-after.txt" | sort)
SAMPLES=$(grep -c '^sample' "$WORK/waits.txt" || true)
# The sampler's own queries are committed transactions too: they are taken off.
PG_DELTA=$(paste "$WORK/pg-before.txt" "$WORK/pg-after.txt" | awk -v n="$DELIVERED" -v samples="$SAMPLES" 'n > 0 {
  printf "| Postgres: transactions committed (each lone statement counts as one) | %.2f | |\n", ($6 - $1 - samples) / n
  printf "| Postgres: transactions rolled back | %.2f | |\n", ($7 - $2) / n
  printf "| Postgres: rows inserted / updated / deleted | %.2f / %.2f / %.2f | |\n", ($8 - $3) / n, ($9 - $4) / n, ($10 - $5) / n }')
LDAP_OPS=$(awk -v n="$DELIVERED" 'FNR == NR { b[$1] = $2; next } n > 0 && $2 > b[$1] { printf "%s%s %.2f", sep, tolower($1), ($2 - b[$1]) / n; sep = ", " }' \
  "$WORK/ldap-before.txt" "$WORK/ldap-after.txt")
CPU_ROWS=$(paste "$WORK/cpu-before.txt" "$WORK/cpu-after.txt" | awk -v n="$DELIVERED" -v hz="$(getconf CLK_TCK)" \
  -v cores="$(nproc)" -v secs="$(result seconds)" 'n > 0 {
  split("Steward|Postgres (all its processes)|slapd|the clients (Deliver.java)", name, "|")
  for (i = 1; i <= 4; i++)
    printf "| CPU: %s | | %.2f |\n", name[i], ($(i + 6) - $i) * 1000 / hz / n
  printf "| CPU: the whole machine, busy (all processes; %.0f%% of %d cores over the batch) | | %.2f |\n", \
    ($11 - $5) / ($12 - $6) * 100, cores, ($11 - $5) * 1000 / hz / n }')
WAITS=$(awk -v samples="$SAMPLES" '/^sample/ || NF == 0 { next } { n[$0]++ }
  END { for (w in n) printf "%.2f %s\n", n[w] / samples, w }' "$WORK/waits.txt" | sort -rg \
  | awk '{ v = $1; $1 = ""; sub(/^ /, ""); printf "%s%s %s", sep, $0, v; sep = "; " }')

TABLE=$(
  echo "| measurement | per s | p50 ms | p99 ms | failures | ratio to median ldapmodify |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| baseline: ldapmodify, $REQUESTS member adds into a fresh group, $CLIENTS processes (median of 5 runs: ${B_RATES[0]}, ${B_RATES[1]}, ${B_RATES[2]} before Steward; ${B_RATES[3]}, ${B_RATES[4]} after) | $B_MED | mean $B_MEAN_MS | | $B_ERR | 1.00 |"
  echo "| Steward: request → approve → delivered, $REQUESTS users, $CLIENTS clients, $PACKAGES package(s) ($(result delivered) delivered in $(result seconds) s) | $S_RATE | $(result p50) | $(result p99) | $(result failures) | $RATIO |"
  echo "| — the user's POST \`assignmentRequests\` (userAdd → pendingApproval) | | $(result post_p50) | $(result post_p99) | | |"
  echo "| — the approver's PATCH \`assignmentApprovals/{id}/stages/1\` (Approve → delivered, slapd written) | | $(result approve_p50) | $(result approve_p99) | | |"
  echo "| — the user's GET of the request until \`delivered\` | | $(result get_p50) | $(result get_p99) | | |"
  echo
  echo "| per delivered request (measured batch, server side) | calls | mean ms |"
  echo "|---|---:|---:|"
  echo "$BREAKDOWN"
  echo "| slapd: LDAP operations it received ($LDAP_OPS) | | |"
  echo "$PG_DELTA"
  echo "$CPU_ROWS"
  echo "| CPU: slapd per ldapmodify add, for comparison (all five runs) | | $B_SLAPD_MS |"
  echo
  echo "Steward's Postgres sessions during the batch, on average (pool of 8; $SAMPLES samples, every 50 ms): ${WAITS:-none busy}."
  echo "slapd afterwards: Steward's group holds $STEWARD_CHECK; ldapmodify's groups:$BASE_CHECK warm-up group $WARM_MEMBERS of $WARMUP."
  echo "Slowest request → delivered: $(result max) ms; GETs that found the request still delivering: $(result extra_polls); warm-up failures: $(result warmup_failures); WARN/ERROR lines in Steward's log: $LOG_PROBLEMS."
  echo "Warm-up: $WARMUP users through Steward (another package and group, not counted) and $WARMUP ldapmodify adds (another group)."
  echo "Directory: $DIRECTORY, $USERS generated users + the demo directory. Postgres: Steward's embedded server (14)."
  echo "Steward after the run: heap used ${HEAP_MB} MB (limit $HEAP), RSS ${RSS_MB} MB."
  echo "Steward's JVM: $(java -version 2>&1 | head -1); -Xmx$HEAP ${JAVA_OPTS:-}; flags: ${JVM_FLAGS}"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); slapd, Postgres, Steward and the clients share them."
)
echo
echo "$TABLE"
echo
echo "(logs and raw figures: $WORK)"
if [ -n "$OUT" ]; then
  echo "$TABLE" > "$OUT"
fi
