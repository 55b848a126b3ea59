// Your own job: Flink code written in this notebook, measured like the built-in job.
// A MapState function and a windowed pipeline, each in FULL and INCREMENTAL mode, over the transactions table.
// The Flink types a job needs (KeyedProcessFunction, MapState, Tuple2, Collector, window assigners, Duration,
// Pipeline, …) are imported by the shell; the rules for snippet code on a cluster are in docs/own-job.md.
// Replay: bin/ckpt-repl --replay notebooks/07-your-own-job.jsh [--param seconds=30] [--local-cluster 2x1]

//% parameters
var seconds = 4;
var windowMillis = 500;

//% the input: transactions, replayed keyed by account
// Warm-up sends every row once; steady replays them at a steady rate. The harness keeps measuring as always.
var tx = loadCsv("data/transactions.csv");
var base = experiment().source(tx).seconds(seconds).interval("500ms");

//% a keyed function with a MapState: each account's latest amount per size bucket
// Fields that hold state are transient and made in open(): the object itself is serialized and shipped.
class RecentAmounts extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Double> {
    private transient MapState<Integer, Double> byBucket;

    @Override
    public void open(OpenContext ctx) {
        byBucket = getRuntimeContext().getMapState(new MapStateDescriptor<>("by-bucket", Integer.class, Double.class));
    }

    @Override
    public void processElement(Tuple2<Long, Double> e, Context ctx, Collector<Double> out) throws Exception {
        int bucket = (int) Math.min(9, Math.max(0, Math.log10(Math.abs(e.f1) + 1) * 3));
        byBucket.put(bucket, e.f1);
    }
}
var mapFull = run(base.mode("full").function(new RecentAmounts()).name("map-full"));
var mapInc = run(base.mode("incremental").function(new RecentAmounts()).name("map-inc"));
compare(mapFull, mapInc)

//% a windowed pipeline: the sum per account over tumbling processing-time windows
// A method, so the window length travels as a parameter: a lambda that read the top-level windowMillis
// would see 0 on the cluster (the shell refuses it and says so).
Pipeline sums(long millis) {
    return events -> events.keyBy(e -> e.f0)
            .window(TumblingProcessingTimeWindows.of(Duration.ofMillis(millis)))
            .sum(1).name("sum-per-account");
}
var winFull = run(base.mode("full").pipeline(sums(windowMillis)).name("window-full"));
var winInc = run(base.mode("incremental").pipeline(sums(windowMillis)).name("window-inc"));
compare(winFull, winInc)

//% all four side by side: what each kind of state costs to checkpoint
compare(mapFull, mapInc, winFull, winInc)

//% checkpointed bytes per checkpoint
chart(checkpoints(mapFull, mapInc, winFull, winInc), "checkpoint_id", "checkpointed_bytes");
