// Recovery: what getting the state back costs — the other half of the full-vs-incremental trade-off.
// Restore durations, downloads and bytes are Flink's own (its JobInitialization trace span), not our stopwatch.
// Replay: bin/ckpt-repl --replay notebooks/04-recovery.jsh [--param keys=1000000 --param seconds=20]

//% parameters
var keys = 30000;
var valueBytes = 256;
var seconds = 4;

//% checkpoint cost: FULL and INCREMENTAL on the same workload
var base = experiment().keys(keys).valueBytes(valueBytes).seconds(seconds).interval("500ms").parallelism(2);
var full = run(base.mode("full").name("full"));
var inc = run(base.mode("incremental").name("incremental"));
compare(full, inc)

//% restore cost: each run restored from its retained checkpoint, every key read back and counted
var fullBack = run(full.experiment().restoreFrom(retained(full)).verifyState().name("full-restored"));
var incBack = run(inc.experiment().restoreFrom(retained(inc)).verifyState().name("incremental-restored"));
System.out.println(fullBack.verification() + "\n" + incBack.verification());
recoveries(fullBack, incBack)

//% the seed's trade-off table, both halves: checkpoint cost (steady) and restore cost (p50_restore_ms, bytes)
compare(fullBack, incBack)

//% a failover mid-steady: how long the job was down and how long the source took to catch up
var failover = run(base.mode("incremental").seconds(seconds + 3).failAfter("1s").name("failover"));
recoveries(failover)

//% restore time against the length of the incremental chain (every n-th checkpoint forced FULL)
var chain = Table.create("chain", IntColumn.create("full_every"), LongColumn.create("restore_ms"),
        LongColumn.create("restored_bytes"));
for (int n : new int[] {1, 3, 0}) {
    var r = run(base.mode("incremental").fullCheckpointEvery(n).name("chain-" + n));
    var back = restore(r);
    chain.intColumn("full_every").append(n);
    chain.longColumn("restore_ms").append(back.recoveries().longColumn("restore_ms").getLong(0));
    chain.longColumn("restored_bytes").append(back.recoveries().longColumn("restored_bytes").getLong(0));
}
chain

//% chart: restore time by chain bound (1 = every checkpoint full, 0 = never)
chart(chain, "full_every", "restore_ms");
