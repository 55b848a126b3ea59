#!/usr/bin/env bash
# Startup benchmark: time from launch until `1+1` piped on stdin has been evaluated and the process has exited,
# bin/ckpt-repl vs plain jshell, measured in the same run (interleaved by hyperfine, same machine load).
# Target: ckpt-repl ≤ 0.6 × jshell (goal ≤ 0.5 ×).   Usage: bench/startup.sh [runs]   (default 15)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
export CKPT_LOG="${TMPDIR:-/tmp}/ckpt-bench-startup.log"

# Build (and dump the class-data-sharing archive) outside the measurement.
echo '1+1' | "$home/bin/ckpt-repl" >/dev/null

if command -v hyperfine >/dev/null; then
  out="$(mktemp)"
  hyperfine --warmup 2 --runs "$runs" --export-json "$out" \
    -n jshell "echo 1+1 | jshell -q" \
    -n ckpt-repl "echo 1+1 | $home/bin/ckpt-repl" >&2
  python3 - "$out" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
j, c = r["jshell"], r["ckpt-repl"]
print(f"jshell    mean {j['mean']:.3f} s  median {j['median']:.3f} s  min {j['min']:.3f} s")
print(f"ckpt-repl mean {c['mean']:.3f} s  median {c['median']:.3f} s  min {c['min']:.3f} s")
print(f"ratio ckpt-repl/jshell: mean {c['mean']/j['mean']:.2f}  median {c['median']/j['median']:.2f}  min {c['min']/j['min']:.2f}  (target ≤ 0.60, goal ≤ 0.50)")
print(f"cpu (user+sys) ckpt-repl/jshell: {(c['user']+c['system'])/(j['user']+j['system']):.2f}")
PY
  rm -f "$out"
else
  # Fallback without hyperfine: alternate the two, report medians.
  t() { local s e; s=$(date +%s%N); bash -c "$1" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
  js=(); cr=()
  for _ in $(seq "$runs"); do
    js+=("$(t "echo 1+1 | jshell -q")"); cr+=("$(t "echo 1+1 | $home/bin/ckpt-repl")")
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  j=$(med "${js[@]}"); c=$(med "${cr[@]}")
  echo "jshell median ${j} ms · ckpt-repl median ${c} ms · ratio $(awk -v c="$c" -v j="$j" 'BEGIN {printf "%.2f", c/j}') (target ≤ 0.60, goal ≤ 0.50)"
fi
