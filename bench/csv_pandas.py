"""Times pandas.read_csv on FILE, best of REPEATS; run by bench/csv-vs-pandas.sh with Debian's /usr/bin/python3.

pandas_import_s      `import pandas` (the counterpart of Tablesaw's one-time init)
pandas_first_s       the first typed read
pandas_typed_best_s  read_csv with int64 ids, float64 amount and parse_dates=['timestamp']: the same typed
                     table Transactions.load builds (the fair comparison)
pandas_default_best_s  plain read_csv(FILE): the timestamp stays a column of Python strings
"""
import sys
import time

t = time.perf_counter()
import pandas as pd  # noqa: E402

pandas_import = time.perf_counter() - t

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
typed = dict(dtype={"transaction_id": "int64", "account_id": "int64", "amount": "float64"},
             parse_dates=["timestamp"])


def timed(**kwargs):
    t = time.perf_counter()
    frame = pd.read_csv(path, **kwargs)
    return time.perf_counter() - t, frame


first, frame = timed(**typed)
assert str(frame["timestamp"].dtype).startswith("datetime64"), frame.dtypes
typed_best = min(timed(**typed)[0] for _ in range(repeats))
default_best = min(timed()[0] for _ in range(repeats))

print(f"pandas_version {pd.__version__}")
print(f"pandas_rows {len(frame)}")
print(f"pandas_missing_amounts {int(frame['amount'].isna().sum())}")
print(f"pandas_import_s {pandas_import:.3f}")
print(f"pandas_first_s {first:.3f}")
print(f"pandas_typed_best_s {typed_best:.3f}")
print(f"pandas_default_best_s {default_best:.3f}")
