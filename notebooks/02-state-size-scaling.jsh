// How the gap between FULL and INCREMENTAL checkpoints grows with state size.
// Replay: bin/ckpt-repl --replay notebooks/02-state-size-scaling.jsh [--param sizes=100000,1000000,4000000 --param seconds=20] [--report out.html]

//% parameters
var sizes = "5000,20000";
var valueBytes = 128;
var seconds = 4;

//% state sizes to try
var keyCounts = Arrays.stream(sizes.split(",")).map(String::strip).map(Long::parseLong).collect(Collectors.toList());
keyCounts

//% run FULL and INCREMENTAL per size, collect the compare rows
Table rows = null;
for (long k : keyCounts) {
    var base = experiment().keys(k).valueBytes(valueBytes).seconds(seconds);
    // same names at every size, so a chart over "keys" draws one series per mode
    var full = run(base.mode("full"));
    var inc = run(base.mode("incremental"));
    var cmp = compare(full, inc);
    var keysCol = new long[cmp.rowCount()];
    Arrays.fill(keysCol, k);
    cmp.addColumns(LongColumn.create("keys", keysCol));
    rows = rows == null ? cmp : rows.append(cmp);
}
rows

//% chart: bytes per checkpoint as state grows (FULL grows with the state, INCREMENTAL with the churn)
chart(rows, "keys", "median_checkpointed_bytes");

//% the ratio incremental ÷ full per size
var ratios = rows.where(rows.stringColumn("mode").isEqualTo("ratio"));
ratios.selectColumns("keys", "p50_duration_ms", "median_checkpointed_bytes")
