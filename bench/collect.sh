#!/usr/bin/env bash
# Folds the figures each benchmark script wrote (bench/results/*.md, docs/bench-*.md) into docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# a run's progress output ("  Flink dashboard: …", "  name · warmup 0/1,000 keys …"): not a figure
progress='^  (Flink dashboard: |[^ ]+ · (starting|warmup|steady|stopping))'
{
  cat <<'HEAD'
# Benchmarks

Speed and memory targets live here, not in unit tests. Every figure below was written by the script named with
it, on the project's reference machine (2 cores, 24 GiB, OpenJDK 17), and every target is a ratio against a
reference measured in the same invocation where one exists. Re-run a script to refresh its section, then
`bench/collect.sh` to rebuild this page.

| benchmark | script | target |
|---|---|---|
| `run` overhead (wall − configured seconds) | `bench/engine.sh overhead overhead-prewarm` | first ≤ +3 s, warm ≤ +0.5 s |
| throughput vs a bare Flink program | `bench/engine.sh throughput` | ≥ 0.95× |
| time to 1 GiB of RocksDB state | `bench/engine.sh state` | ≤ 60 s |
| incremental vs full at ≥ 500 MB, churn 0.01–1.0 | `bench/engine.sh seed` | size ≤ 0.15×, p50 duration ≤ 0.5× at churn 0.05 |
| `loadCsv` vs pandas `read_csv`, 1M rows | `bench/csv-vs-pandas.sh` | ≤ 1.0× |
| shell start to first evaluated snippet vs `jshell` | `bench/startup.sh` | ≤ 0.6× |
| S3 overhead: checkpoint duration on the embedded S3 server ÷ local disk | `bench/s3.sh` | reported and explained (no target) |
| warm state reused: second run at 1 GiB, job start → steady, ÷ the first run's | `bench/engine.sh cache` | ≤ 0.25× |
| the same on a local standalone cluster (2 TaskManagers × 2 slots, p=2) | `bench/engine.sh overhead overhead-prewarm throughput seed --target local` | as above |
| how the local cluster's overhead settles over 21 runs | `bench/engine.sh overhead-series --target local` | (context for the warm target) |

HEAD
  cat bench/results/summary.md
  for f in bench/results/engine-overhead.md bench/results/engine-overhead-prewarm.md bench/results/engine-throughput.md \
           bench/results/engine-state.md bench/results/engine-seed.md bench/results/engine-cache.md \
           bench/results/engine-overhead-local.md bench/results/engine-overhead-prewarm-local.md \
           bench/results/engine-overhead-series-local.md \
           bench/results/engine-throughput-local.md \
           bench/results/engine-seed-local.md bench/results/s3-overhead.md; do
    # figures and commands only: drop the progress lines a benchmark's runs printed on the way
    [[ -f $f ]] && { echo "## $(basename "$f" .md)"; echo; grep -vE "$progress" "$f"; echo; }
  done
  for f in docs/bench-data.md docs/bench-shell.md; do
    [[ -f $f ]] && { sed 's/^# /## /; s/^## \(.*\)/### \1/' "$f" | sed '1s/^### /## /'; echo; }
  done
} > docs/BENCHMARKS.md
echo "wrote docs/BENCHMARKS.md"
