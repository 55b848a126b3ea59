#!/usr/bin/env bash
# S3 overhead benchmark → bench/results/s3-overhead.md (folded into docs/BENCHMARKS.md by bench/collect.sh).
# Usage: bench/s3.sh [--scale 0.1]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
scale=1
[[ "${1:-}" == --scale ]] && scale="$2"
mvn -B -q -DskipTests process-classes >/dev/null
mkdir -p target/bench-classes target/bench bench/results
cp="target/classes:$(cat target/classpath.txt)"
javac -q -nowarn -cp "$cp" -d target/bench-classes bench/S3Bench.java 2>/dev/null || javac -cp "$cp" -d target/bench-classes bench/S3Bench.java
opens=$(sed -n 's:.*<ckpt.opens>\(.*\)</ckpt.opens>.*:\1:p' pom.xml)
out="bench/results/s3-overhead.md"
{
  java -Xmx6g $opens -Dckpt.log=target/bench/s3.log -Dckpt.runs=target/bench/runs \
    -cp "target/bench-classes:$cp" S3Bench "$scale"
  echo "Command: \`bench/s3.sh$( [[ $scale != 1 ]] && echo " --scale $scale")\` · $(date -u +%Y-%m-%d) · $(nproc) cores · $(java -version 2>&1 | head -1)"
  echo
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
