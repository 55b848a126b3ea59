#!/usr/bin/env bash
# Loading a 1,000,000-row transactions CSV: ckpt's Transactions.load against pandas.read_csv, same file, same run.
#
#   bench/csv-vs-pandas.sh [ROWS] [--tablesaw]
#
# Builds the classes if needed, generates target/bench/transactions-ROWS.csv (seeded: the same file every
# time), then times, each in its own fresh process:
#   Java    Transactions.load: the first load in a new JVM (cold) and the best of 3 after it (bench/CsvBench.java)
#   pandas  read_csv typed like ours (int64 ids, float64 amount, parse_dates) best of 3, and plain read_csv
#           best of 3 (bench/csv_pandas.py, with Debian's python3-pandas via /usr/bin/python3)
# Only loading into memory is timed (in-process clocks), not JVM or Python start-up; the one-time Tablesaw
# set-up and `import pandas` are reported on their own lines. --tablesaw also times Tablesaw's own CSV reader.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"

rows=1000000
tablesaw=""
for arg in "$@"; do
  case "$arg" in
    --tablesaw) tablesaw="--tablesaw" ;;
    ''|*[!0-9]*) echo "usage: bench/csv-vs-pandas.sh [ROWS] [--tablesaw]" >&2; exit 2 ;;
    *) rows="$arg" ;;
  esac
done
accounts=10000
seed=42
repeats=3
python=/usr/bin/python3 # Debian's, which has python3-pandas; not a pyenv python3 that may be first on PATH

stale() {
  [[ -f target/classpath.txt && -f target/classes/ckpt/data/Transactions.class ]] || return 0
  [[ -n "$(find src/main pom.xml -newer target/classes/ckpt/data/Transactions.class -print -quit)" ]]
}
if stale; then
  echo "building (mvn -B -q -o -DskipTests process-classes)..." >&2
  mvn -B -q -o -DskipTests process-classes >&2
fi
cp="target/classes:$(cat target/classpath.txt)"

mkdir -p target/bench
file="target/bench/transactions-$rows.csv"
echo "generating $file: $rows rows, $accounts accounts, seed $seed" >&2
java -cp "$cp" bench/CsvBench.java generate "$file" "$rows" "$accounts" "$seed" >&2
size_mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')

echo "timing Transactions.load (fresh JVM)..." >&2
java_out="$(java -cp "$cp" bench/CsvBench.java load "$file" "$repeats" $tablesaw)"

if [[ -x "$python" ]] && "$python" -c "import pandas" 2>/dev/null; then
  echo "timing pandas.read_csv ($python)..." >&2
  pandas_out="$("$python" bench/csv_pandas.py "$file" "$repeats")"
else
  pandas_out=""
  echo "pandas is MISSING for $python: install it with" >&2
  echo "  apt-get update && apt-get install -y python3-pandas" >&2
  echo "(only the Java figures follow)" >&2
fi

value() { printf '%s\n%s\n' "$java_out" "$pandas_out" | awk -v k="$1" '$1 == k { print $2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "file: $file ($rows rows, $size_mb MB); $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "java  Transactions.load      cold (first in a fresh JVM): $(value java_cold_s) s" \
  "= Tablesaw one-time init $(value tablesaw_init_s) s + first load $(value java_first_s) s"
echo "java  Transactions.load      best of $repeats (warm JVM):        $(value java_best_s) s" \
  "  ($(value java_rows) rows, $(value java_missing_amounts) missing amounts)"
if [[ -n "$tablesaw" ]]; then
  echo "java  Table.read().csv       best of $repeats (warm JVM):        $(value tablesaw_reader_best_s) s" \
    "  (Tablesaw's own reader, no validation)"
fi
if [[ -n "$pandas_out" ]]; then
  echo "pandas $(value pandas_version) read_csv typed    first:                         $(value pandas_first_s) s" \
    "  (import pandas $(value pandas_import_s) s, not included)"
  echo "pandas $(value pandas_version) read_csv typed    best of $repeats:                     $(value pandas_typed_best_s) s" \
    "  ($(value pandas_rows) rows, $(value pandas_missing_amounts) missing amounts)"
  echo "pandas $(value pandas_version) read_csv default  best of $repeats:                     $(value pandas_default_best_s) s" \
    "  (timestamp left as strings)"
  echo "ratio java÷pandas, best of $repeats, typed vs typed:   $(ratio "$(value java_best_s)" "$(value pandas_typed_best_s)")"
  echo "ratio java÷pandas, best of $repeats, vs plain read_csv: $(ratio "$(value java_best_s)" "$(value pandas_default_best_s)")"
  echo "ratio java÷pandas, first load (java without / with Tablesaw init): " \
    "$(ratio "$(value java_first_s)" "$(value pandas_first_s)") / $(ratio "$(value java_cold_s)" "$(value pandas_first_s)")"
  if [[ "$(value java_rows)" != "$(value pandas_rows)" || "$(value java_missing_amounts)" != "$(value pandas_missing_amounts)" ]]; then
    echo "WARNING: Java and pandas disagree on rows or missing amounts" >&2
    exit 1
  fi
fi
