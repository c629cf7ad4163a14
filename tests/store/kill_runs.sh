#!/usr/bin/env bash
# Kills `optibench-cli run` with SIGKILL at random moments of a traced run, N times, and checks
# after each kill that the database is intact: PRAGMA integrity_check says ok, every earlier
# run (and its metrics, series and trace) is unchanged, and the killed run reads `interrupted`.
#
#   tests/store/kill_runs.sh BUILD_DIR [N]      (default N = 20)
set -euo pipefail
build=${1:?usage: kill_runs.sh BUILD_DIR [N]}
n=${2:-20}
cli="$build/bin/optibench-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/runs.sqlite"

cat > "$work/spec.json" <<'SPEC'
{ "name": "kill test", "task": {"batch_size": 8, "max_length": 128, "warmup": 2, "iterations": 40},
  "profiling": {"ops": true, "iterations": 3}, "threads": 1 }
SPEC

# Two complete runs first: these must survive every kill untouched.
"$cli" run "$work/spec.json" "$work/spec.json" --db "$db" -q > /dev/null
snapshot() {
  sqlite3 "$db" "SELECT id, status, spec_json FROM runs WHERE status != 'running' AND status != 'interrupted' ORDER BY id;
                 SELECT run_id, key, value FROM metrics ORDER BY run_id, key;
                 SELECT run_id, name, step, value FROM series ORDER BY run_id, name, step;
                 SELECT run_id, COUNT(*), SUM(duration_ns) FROM trace_events GROUP BY run_id ORDER BY run_id;" | sha256sum
}

# How long a run takes here, to place the kills inside it.
t0=$(date +%s%N)
"$cli" run "$work/spec.json" --db "$db" -q > /dev/null
duration_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "a traced run takes ${duration_ms} ms; killing $n runs at random moments within it"

killed=0; finished=0; failures=0
for i in $(seq 1 "$n"); do
  before=$(snapshot)
  delay_ms=$(( RANDOM % (duration_ms > 50 ? duration_ms : 50) ))
  "$cli" run "$work/spec.json" --db "$db" -q > "$work/out" 2> /dev/null &
  pid=$!
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if kill -9 "$pid" 2> /dev/null; then killed=$((killed + 1)); state=killed; else state=finished; fi
  wait "$pid" 2> /dev/null || true
  [ "$state" = finished ] && finished=$((finished + 1))

  ok=$(sqlite3 "$db" "PRAGMA integrity_check;")
  # Opening the store through the CLI applies the interrupted-run rule.
  "$cli" list --db "$db" --json > "$work/list.json"
  last=$(sqlite3 "$db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1;")
  after=$(snapshot)
  # Runs that finished during this iteration add rows; compare only when the kill landed.
  if [ "$ok" != "ok" ]; then echo "kill $i at ${delay_ms} ms: integrity_check: $ok"; failures=$((failures + 1)); fi
  if [ "$state" = killed ]; then
    if [ "$last" != "interrupted" ] && [ "$last" != "done" ]; then
      echo "kill $i at ${delay_ms} ms: the killed run is '$last', expected interrupted"; failures=$((failures + 1))
    fi
    if [ "$last" = "interrupted" ] && [ "$before" != "$after" ]; then
      echo "kill $i at ${delay_ms} ms: earlier runs changed"; failures=$((failures + 1))
    fi
  fi
  echo "kill $i: ${delay_ms} ms, $state, integrity $ok, last run $last"
done
interrupted=$(sqlite3 "$db" "SELECT COUNT(*) FROM runs WHERE status = 'interrupted';")
echo "$killed killed, $finished finished before the kill, $interrupted runs interrupted, $failures failures"
[ "$failures" -eq 0 ]
