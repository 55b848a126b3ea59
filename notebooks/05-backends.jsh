// One workload across every state backend: RocksDB full and incremental, the heap (hashmap), the changelog
// backend and Flink 2's disaggregated ForSt — checkpoint cost next to what each keeps in storage.
// Replay: bin/ckpt-repl --replay notebooks/05-backends.jsh [--param keys=1000000 --param seconds=30] [--report out.html]

//% parameters
var keys = 20000;
var valueBytes = 256;
var seconds = 4;
var interval = "500ms";

//% the workload
// The same keys, values and churn for every mode; only the backend changes.
var base = experiment().keys(keys).valueBytes(valueBytes).seconds(seconds).interval(interval);
base

//% RocksDB: full and incremental
var full = run(base.mode("full").name("full"));
var inc = run(base.mode("incremental").name("incremental"));

//% heap state (hashmap)
// Every checkpoint is a full serialized snapshot. state_bytes is the snapshot Flink wrote, not the heap the state
// takes (Java objects are larger; Flink has no exact figure for that).
var heap = run(base.mode("hashmap").name("hashmap"));

//% changelog backend
// Each checkpoint uploads only the state changes since the last one; RocksDB is materialized now and then
// (materializeEvery), and until then storage keeps the changes next to the last materialization.
var changelog = run(base.mode("changelog").materializeEvery("1s").name("changelog"));

//% ForSt (disaggregated state)
// ForSt's primary copy of the state lives in the checkpoint storage; the job uses the State V2 (asynchronous)
// API, without which ForSt keeps the state on local disk.
var forst = run(base.mode("forst").name("forst"));

//% compare: checkpoint cost and storage (storage_overhead = disk bytes ÷ full state size, p50)
compare(full, inc, heap, changelog, forst)

//% ForSt's state files in its remote directory (the checkpoint storage), referenced in place by the checkpoint
var forstFiles = forst.checkpointFiles();
forstFiles.where(forstFiles.stringColumn("rocksdb_file").endsWith(".sst"))

//% chart: checkpoint duration over time
chart(checkpoints(full, inc, heap, changelog, forst), "t_ms", "duration_ms");

//% chart: bytes each checkpoint persisted
chart(checkpoints(full, inc, heap, changelog, forst), "t_ms", "checkpointed_bytes");

//% chart: storage overhead over time (bytes in storage ÷ state size)
chart(checkpoints(full, inc, heap, changelog, forst), "t_ms", "storage_overhead");

//% state that expires: TTL
// With ttl, a key not written for that long expires; RocksDB's compaction filter drops it when it compacts, so the
// state shrinks some checkpoints after expiry. 2 % of the keys change per interval here.
var kept = run(base.mode("full").churn(0.02).seconds(seconds + 4).name("no-ttl"));
var expiring = run(kept.experiment().ttl("2s").name("ttl-2s"));
chart(checkpoints(kept, expiring), "t_ms", "state_bytes");

//% TTL: what the checkpoints held
compare(kept, expiring)
