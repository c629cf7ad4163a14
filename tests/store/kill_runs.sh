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
                 SELECT run_id, SUM(event_count), SUM(length(events)), group_concat(hex(events)) FROM trace_chunks GROUP BY run_id ORDER BY run_id;
                 SELECT * FROM trace_summary ORDER BY run_id;" | sha256sum
}

# How long a run takes here, to place the kills inside it.
t0=$(date +%s%N)
"$cli" run "$work/spec.json" --db "$db" -q > /dev/null
duration_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "a traced run takes ${duration_ms} ms; killing $n runs at random moments within it"

killed=0; finished=0; failures=0; early=0; mid=0; committed=0
for i in $(seq 1 "$n"); do
  before=$(snapshot)
  max_before=$(sqlite3 "$db" "SELECT COALESCE(MAX(id), 0) FROM runs;")
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
  # The run this process wrote, if it got as far as writing its row.
  new=$(sqlite3 "$db" "SELECT id || ' ' || status FROM runs WHERE id > $max_before;")
  new_id=${new%% *}; last=${new#* }
  [ -z "$new" ] && last=none
  after=$(snapshot)
  fail() { echo "kill $i at ${delay_ms} ms: $1"; failures=$((failures + 1)); }
  [ "$ok" = "ok" ] || fail "integrity_check: $ok"
  if [ "$state" = killed ]; then
    case "$last" in
      none) early=$((early + 1)) ;;   # killed before the run row was written (loading LibTorch)
      done) committed=$((committed + 1)) ;; # killed after the final commit, before the exit
      interrupted)
        mid=$((mid + 1))
        # Results are written in one transaction: an interrupted run has none of them.
        partial=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM metrics WHERE run_id = $new_id) +
                                       (SELECT COUNT(*) FROM series WHERE run_id = $new_id) +
                                       (SELECT COUNT(*) FROM trace_chunks WHERE run_id = $new_id) +
                                       (SELECT COUNT(*) FROM trace_summary WHERE run_id = $new_id);")
        [ "$partial" = 0 ] || fail "the interrupted run $new_id has $partial partial result rows" ;;
      *) fail "the killed run is '$last', expected interrupted" ;;
    esac
    # Whatever the moment, the runs that were complete before are unchanged.
    [ "$last" = done ] || [ "$before" = "$after" ] || fail "earlier runs changed"
  elif [ "$last" != done ]; then
    fail "a run that was not killed is '$last'"
  fi
  echo "kill $i: ${delay_ms} ms, $state, integrity $ok, this run: $last"
done
interrupted=$(sqlite3 "$db" "SELECT COUNT(*) FROM runs WHERE status = 'interrupted';")
echo "$killed killed ($mid mid-run and now interrupted, $early before the run row existed, $committed after the final commit), $finished finished before the kill; $interrupted runs interrupted in the store; $failures failures"
[ "$failures" -eq 0 ]
