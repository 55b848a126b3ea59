// Local disk vs an S3 object store, FULL vs INCREMENTAL. The S3 store is a real S3 server inside this shell
// (s3proxy on 127.0.0.1), reached through Flink's own S3 file system plugin; it can add latency to every request,
// so you can see what a remote store does to each mode.
// Replay: bin/ckpt-repl --replay notebooks/06-s3.jsh [--param keys=1000000 --param latency=50ms] [--report out.html]

//% parameters
var keys = 20000;
var valueBytes = 256;
var seconds = 4;
var latency = "20ms";

//% the workload
var base = experiment().keys(keys).valueBytes(valueBytes).seconds(seconds).interval("500ms");
base

//% local disk
var fullDisk = run(base.mode("full").name("full-disk"));
var incDisk = run(base.mode("incremental").name("inc-disk"));

//% S3, with latency added to every request
var fullS3 = run(base.mode("full").storage("s3").storageLatency(latency).name("full-s3"));
var incS3 = run(base.mode("incremental").storage("s3").storageLatency(latency).name("inc-s3"));

//% compare
compare(fullDisk, incDisk, fullS3, incS3)

//% requests per checkpoint, as the S3 server saw them (PUT/GET/HEAD/DELETE/LIST, bytes up and down)
incS3.checkpoints().selectColumns("checkpoint_id", "phase", "duration_ms", "checkpointed_bytes", "s3_put",
        "s3_head", "s3_delete", "s3_list", "s3_multipart", "s3_put_bytes")

//% chart: checkpoint duration, disk vs S3
chart(checkpoints(fullDisk, incDisk, fullS3, incS3), "t_ms", "duration_ms");

//% where the objects are
// Checkpoints are objects under s3://ckpt/<run id>/; the server keeps each as a file on this machine.
incS3.checkpointDir()
