#!/usr/bin/env bash
# ctest's cleanup fixture for the loopback cluster tests: stops every daemon whose pid file is in
# the given folder (munged, slurmctld, slurmd, sshd), also when the test process itself died.
set -u
dir="$1"
[ -d "$dir" ] || exit 0
for f in "$dir"/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f" 2>/dev/null)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
  pkill -TERM -P "$pid" 2>/dev/null   # sshd's sessions
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null && echo "stop_daemons.sh: killed $(basename "$f" .pid) ($pid)"
done
exit 0
