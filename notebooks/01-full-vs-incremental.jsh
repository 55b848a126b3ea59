// Full vs incremental checkpoints on RocksDB: the seed lab, done right.
// Replay: bin/ckpt-repl --replay notebooks/01-full-vs-incremental.jsh [--param keys=1000000 --param seconds=30] [--report out.html]

//% parameters
var csv = "data/transactions.csv";
var keys = 20000;
var valueBytes = 256;
var seconds = 4;

//% load the transactions
// summary(tx), not tx.summary(): Tablesaw's own summary has no missing count for number columns (and counts the
// missing amounts in "Count"), so it would show "—" where summary(tx) shows the 258 missing amounts.
var tx = loadCsv(csv);
summary(tx)

//% data quality: missing amounts
System.out.printf("%,d rows, %,d missing amounts (%.2f%%)%n", tx.rowCount(), missingCount(tx, "amount"),
        100.0 * missingCount(tx, "amount") / Math.max(1, tx.rowCount()));
var clean = dropMissing(tx);
clean.rowCount()

//% run FULL
var full = run(experiment().mode("full").keys(keys).valueBytes(valueBytes).seconds(seconds));
full

//% run INCREMENTAL (same settings)
var inc = run(full.experiment().mode("incremental"));
inc

//% per-checkpoint figures
full.checkpoints()
inc.checkpoints()

//% compare (steady checkpoints; the last row is incremental ÷ full)
compare(full, inc)

//% per-mode statistics
stats(checkpoints(full, inc))

//% chart: bytes each checkpoint persisted
chart(checkpoints(full, inc), "checkpoint_id", "checkpointed_bytes");
