#!/bin/bash
# Acceptance scenario; $1 = sqlite|postgresql, $2 = demo tickets, $3 = more tickets during the kill
# Usage: bench/sync_scenario.sh sqlite|postgresql DEMO_TICKETS MORE_TICKETS  (e.g. sqlite 2000 5000)
set -e
cd "$(dirname "$0")/.."
B=.venv/bin
W=$(mktemp -d); PORT=$((20000 + RANDOM % 10000)); URL=http://127.0.0.1:$PORT
if [ "$1" = postgresql ]; then DB="wsd_accept_$$"; psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"; S="--db postgresql+psycopg://postgres@127.0.0.1/$DB"; else S="--data $W/server"; fi
start() { $B/websight-desk-server serve $S --port $PORT >>$W/server.log 2>&1 & SP=$!; for i in $(seq 100); do curl -sf $URL/v1/health >/dev/null && break; sleep 0.2; done; }
start
TA=$($B/websight-desk-server add-agent ayse --role admin $S 2>/dev/null)
TB=$($B/websight-desk-server add-agent burak --role admin $S 2>/dev/null)
$B/websight-desk --workspace $W/a connect $URL --token $TA
$B/websight-desk --workspace $W/b connect $URL --token $TB
time $B/websight-desk demo --workspace $W/a --tickets $2 >/dev/null
time WEBSIGHT_DESK_TOKEN=$TA $B/websight-desk sync --once --quiet --workspace $W/a
time WEBSIGHT_DESK_TOKEN=$TB $B/websight-desk sync --once --quiet --workspace $W/b
echo "A: $($B/websight-desk stats --json --workspace $W/a)"
echo "B: $($B/websight-desk stats --json --workspace $W/b)"
$B/websight-desk demo --workspace $W/a --tickets $3 --seed 2 >/dev/null
WEBSIGHT_DESK_TOKEN=$TA $B/websight-desk sync --once --quiet --workspace $W/a > $W/push.log 2>&1 &
PP=$!; sleep 3; kill -9 $SP; echo "server SIGKILLed mid-push"; wait $PP || echo "client push failed as expected: $(tail -1 $W/push.log)"
start
WEBSIGHT_DESK_TOKEN=$TA $B/websight-desk sync --once --quiet --workspace $W/a
WEBSIGHT_DESK_TOKEN=$TB $B/websight-desk sync --once --quiet --workspace $W/b
A=$($B/websight-desk stats --json --workspace $W/a); Bs=$($B/websight-desk stats --json --workspace $W/b)
kill $SP; wait $SP 2>/dev/null || true
SV=$($B/websight-desk-server stats --json $S)
echo "A: $A"; echo "B: $Bs"; echo "S: $SV"
[ "$A" = "$Bs" ] && [ "$A" = "$SV" ] && echo "COUNTS EQUAL" || echo "COUNTS DIFFER"
if [ "$1" = postgresql ]; then psql -h 127.0.0.1 -U postgres -tAc "select count(*), count(distinct op_id) from server_change_log" $DB; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $DB WITH (FORCE)"; else python3 -c "import sqlite3;print(sqlite3.connect('$W/server/server.sqlite3').execute('select count(*), count(distinct op_id) from server_change_log').fetchone())"; fi
