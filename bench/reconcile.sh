#!/usr/bin/env bash
# Automatic assignment at scale: a slapd directory of N users (every Kth in Sales), one automatic
# policy "user.department -eq Sales", and bench/Reconcile.java measuring the rule's search (time and
# LDAP round trips) and whole reconciliations through Steward on embedded Postgres.
#
#   bench/reconcile.sh [--users N] [--sales-every K] [--heap SIZE]
#
# Needs OpenLDAP's slapd and slapadd (Debian: apt-get install slapd).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=50000 EVERY=10 HEAP=512m
while [ $# -gt 0 ]; do
  case "$1" in
    --users) USERS=$2; shift 2 ;;
    --sales-every) EVERY=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/sbin/slapd ] && [ -x /usr/sbin/slapadd ] || { echo "needs slapd and slapadd" >&2; exit 2; }

WORK=$(mktemp -d /tmp/steward-reconcile.XXXXXX)
LDAP_PORT=13891
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

[ -f bootstrap/target/steward.jar ] && [ "${BENCH_REBUILD:-1}" = 0 ] || ./mvnw -B -q -DskipTests package

echo "== generating $USERS directory users, every $EVERY-th in Sales"
MATCHES=0
{
  for ((i = 0; i < USERS; i++)); do
    if (( i % EVERY == 0 )); then dept=Sales; else dept=Engineering; fi
    printf 'dn: uid=bench-%d,ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\nuid: bench-%d\ncn: Bench User %d\nsn: User\ndepartmentNumber: %s\nuserPassword: bench-pw\nentryUUID: 2b000000-0000-4000-8000-%012d\n\n' "$i" "$i" "$i" "$dept" "$i"
  done
} > "$WORK/users.ldif"
MATCHES=$(( (USERS + EVERY - 1) / EVERY ))

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
index objectClass,entryUUID,member,uid,cn,owner,departmentNumber eq
CONF
{ cat bootstrap/src/main/resources/demo/demo.ldif; echo; cat "$WORK/users.ldif"; } > "$WORK/slapd/all.ldif"
slapadd -q -f "$WORK/slapd/slapd.conf" -l "$WORK/slapd/all.ldif"
/usr/sbin/slapd -f "$WORK/slapd/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0 > "$WORK/slapd.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 40); do (echo > "/dev/tcp/127.0.0.1/$LDAP_PORT") 2>/dev/null && break; sleep 0.25; done

echo "== $(/usr/sbin/slapd -VV 2>&1 | head -1 | grep -o 'slapd [0-9.]*'), $USERS users, $MATCHES in Sales; $(nproc) cores"
java -Xmx"$HEAP" -cp bootstrap/target/steward.jar bench/Reconcile.java "$LDAP_PORT" "$USERS" "$MATCHES" \
  2> "$WORK/reconcile.err" || { tail -40 "$WORK/reconcile.err"; exit 1; }
