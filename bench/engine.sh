#!/usr/bin/env bash
# Engine benchmarks → bench/results/engine-*.md (folded into docs/BENCHMARKS.md by bench/collect.sh).
# Usage: bench/engine.sh [overhead|throughput|state|seed ...] [--scale 0.1] [--target local]
# --target local runs on a 2 × 2 standalone cluster of real JVMs (started by the benchmark) at parallelism 2.
# Each benchmark runs in its own JVM so a cold cluster start is measured where it matters (overhead's first run).
# BENCH_OPTS adds JVM options to that JVM, for a try (the recorded figures use none).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
scale=1
target=embedded
which=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    *) which+=("$1"); shift ;;
  esac
done
[[ ${#which[@]} -gt 0 ]] || which=(overhead overhead-prewarm throughput state seed cache)

mvn -B -q -DskipTests process-classes >/dev/null
mkdir -p target/bench-classes target/bench
cp="target/classes:$(cat target/classpath.txt)"
javac -q -nowarn -cp "$cp" -d target/bench-classes bench/EngineBench.java 2>/dev/null || javac -cp "$cp" -d target/bench-classes bench/EngineBench.java
opens=$(sed -n 's:.*<ckpt.opens>\(.*\)</ckpt.opens>.*:\1:p' pom.xml)

for b in "${which[@]}"; do
  echo "running $b (scale $scale)…" >&2
  props=""; name="$b"
  if [[ $b == overhead-prewarm ]]; then props="-Dprewarm=1"; b=overhead; fi
  suffix=""; [[ $target != embedded ]] && suffix="-$target"
  out="bench/results/engine-$name$suffix.md"
  {
    java -Xmx6g $opens $props ${BENCH_OPTS:-} -Dckpt.log=target/bench/engine-$b.log -Dckpt.runs=target/bench/runs \
      -cp "target/bench-classes:$cp" EngineBench "$b" "$scale" "$target"
    echo "Command: \`bench/engine.sh $name$( [[ $scale != 1 ]] && echo " --scale $scale")$( [[ $target != embedded ]] && echo " --target $target")\` · $(date -u +%Y-%m-%d) · $(nproc) cores · $(java -version 2>&1 | head -1)"
    echo
  } > "$out.tmp"
  mv "$out.tmp" "$out"
  cat "$out"
done
