#!/usr/bin/env bash
# Engine benchmarks → bench/results/engine-*.md (folded into docs/BENCHMARKS.md by bench/collect.sh).
# Usage: bench/engine.sh [overhead|overhead-prewarm|overhead-series|throughput|state|seed|cache ...] [--scale 0.1] [--target local]
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

# The benchmark JVM starts as bin/ckpt-repl starts the shell's: from the launcher's jar, with its class-data
# sharing archive (built and trained by the launcher on first use). BENCH_CDS=0 measures without the archive.
bin/ckpt-repl --help >/dev/null
jv=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
cds=()
[[ "${BENCH_CDS:-1}" != 0 && -f "target/ckpt-repl-java$jv.jsa" ]] \
  && cds=(-XX:SharedArchiveFile="target/ckpt-repl-java$jv.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
mkdir -p target/bench-classes target/bench
cp="target/ckpt-repl.jar:$(cat target/classpath.txt)"
javac -q -nowarn -cp "$cp" -d target/bench-classes bench/EngineBench.java 2>/dev/null || javac -cp "$cp" -d target/bench-classes bench/EngineBench.java
opens=$(sed -n 's:.*<ckpt.opens>\(.*\)</ckpt.opens>.*:\1:p' pom.xml)

for b in "${which[@]}"; do
  echo "running $b (scale $scale)…" >&2
  props=""; name="$b"
  if [[ $b == overhead-prewarm ]]; then props="-Dprewarm=1"; b=overhead; fi
  # the same experiment 21 times on one cluster: how the overhead settles as the JVMs' code warms up
  if [[ $b == overhead-series ]]; then props="-Dbench.runs=21"; b=overhead; fi
  suffix=""; [[ $target != embedded ]] && suffix="-$target"
  out="bench/results/engine-$name$suffix.md"
  {
    java -Xmx6g $opens "${cds[@]}" $props ${BENCH_OPTS:-} -Dckpt.log=target/bench/engine-$b.log \
      -Dckpt.runs=target/bench/runs -cp "$cp:target/bench-classes" EngineBench "$b" "$scale" "$target"
    [[ ${#cds[@]} -gt 0 ]] || echo "(without bin/ckpt-repl's class-data sharing archive)"
    echo
    echo "Command: \`bench/engine.sh $name$( [[ $scale != 1 ]] && echo " --scale $scale")$( [[ $target != embedded ]] && echo " --target $target")\` · $(date -u +%Y-%m-%d) · $(nproc) cores · $(java -version 2>&1 | head -1)"
    echo
  } > "$out.tmp"
  mv "$out.tmp" "$out"
  cat "$out"
done
