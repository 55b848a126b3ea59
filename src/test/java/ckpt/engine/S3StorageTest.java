package ckpt.engine;

import static org.assertj.core.api.Assertions.within;

import tech.tablesaw.api.Row;

import ckpt.model.RecoveryTable;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.store.S3Store;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * Checkpoints on the embedded S3 server, through Flink's S3 file system plugin and the S3 protocol over loopback.
 * Its objects are files on disk (jclouds' filesystem store), so what the run reports is checked against the
 * store's disk, against a listing over S3, and against the server's own request metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageTest {
    static final Experiment BASE = Experiment.defaults().keys(20_000).valueBytes(256).seconds(3).interval("500ms")
            .storage("s3");
    Map<String, Long> before;
    Map<String, Long> after;
    Run incremental;
    Run slow;

    @BeforeAll
    void run() throws Exception {
        incremental = Runs.run(BASE.mode("incremental").name("s3-incremental"), Embedded.get());
        before = metrics();
        slow = Runs.run(BASE.mode("incremental").seconds(6).storageLatency("50ms").name("s3-latency"), Embedded.get());
        after = metrics();
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void theRunCompletesWithEveryFigureAndItsDiskBytesEqualTheStoresFiles() throws Exception {
        for (Run r : List.of(incremental, slow)) {
            MatrixChecks.complete(r);
            assertThat(r.checkpointDir().getScheme()).isEqualTo("s3");
            MatrixChecks.diskMatchesWalk(r);
        }
    }

    @Test
    void checkpointsAreObjectsInTheStoreListedOverS3() throws Exception {
        URI jobDir = incremental.checkpointDir();
        // listed over the S3 protocol (Flink's S3 plugin → the server's ListObjects)
        Set<String> overS3 = new TreeSet<>();
        listRecursively(FileSystem.get(jobDir), new org.apache.flink.core.fs.Path(jobDir), overS3, jobDir);
        // and as the store keeps them: files under its folder
        Path onDisk = ClusterNeeds.store().localPath(jobDir);
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.walk(onDisk)) {
            s.filter(Files::isRegularFile).forEach(p -> files.add(onDisk.relativize(p).toString()));
        }
        assertThat(overS3).isNotEmpty().isEqualTo(files);
        assertThat(overS3).anyMatch(k -> k.matches("chk-\\d+/_metadata"));
        assertThat(overS3).anyMatch(k -> k.startsWith("shared/"));
        // the retained _metadata, read from S3 with Flink's loader, references objects that exist
        Table referenced = incremental.checkpointFiles();
        List<String> paths = referenced.stringColumn("path").asList().stream().filter(p -> !p.isEmpty()).toList();
        assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("s3://" + S3Store.BUCKET + "/"));
        for (String p : paths) {
            assertThat(ClusterNeeds.store().localPath(URI.create(p))).isRegularFile();
        }
        assertThat(referenced.longColumn("bytes").sum()).isEqualTo((double) incremental.finalStateBytes());
    }

    @Test
    void requestCountsEqualTheServersOwnMetrics() throws Exception {
        // the run's log covers the run from set-up to the end of the shell's storage walk: the server saw exactly
        // these requests meanwhile (counted at its HTTP side, by operation)
        Map<String, Long> logged = new HashMap<>();
        Table log = Table.read().csv(slow.dir().resolve("store-requests.csv").toFile());
        for (String kind : log.stringColumn("kind").asList()) {
            logged.merge(kind, 1L, Long::sum);
        }
        Map<String, Long> served = new HashMap<>();
        after.forEach((op, n) -> {
            long d = n - before.getOrDefault(op, 0L);
            String kind = switch (op) {
                case "PutObject", "UploadPart", "CopyObject", "UploadPartCopy" -> "PUT";
                case "GetObject" -> "GET";
                case "HeadObject", "HeadBucket" -> "HEAD";
                case "DeleteObject", "DeleteObjects" -> "DELETE";
                case "ListObjectsV2", "ListObjects", "ListMultipartUploads", "ListParts", "ListBuckets" -> "LIST";
                case "CreateMultipartUpload", "CompleteMultipartUpload", "AbortMultipartUpload" -> "MULTIPART";
                default -> op;
            };
            if (d > 0) {
                served.merge(kind, d, Long::sum);
            }
        });
        assertThat(logged).isEqualTo(served);
        assertThat(logged.get("PUT")).isPositive();
        // and the per-checkpoint columns share the run's requests out between its checkpoints without loss: each
        // checkpoint gets what arrived from its trigger to the next trigger (the last: to the stop)
        Table cps = slow.checkpoints();
        long first = cps.instantColumn(CheckpointTable.TRIGGER_TIME).get(0).toEpochMilli();
        long stop = slow.timeline().stopAt();
        Map<String, String> columns = Map.of("PUT", "s3_put", "GET", "s3_get", "HEAD", "s3_head", "DELETE",
                "s3_delete", "LIST", "s3_list", "MULTIPART", "s3_multipart");
        for (Map.Entry<String, String> c : columns.entrySet()) {
            long inWindow = 0;
            for (int i = 0; i < log.rowCount(); i++) {
                long t = log.numberColumn("time_ms").getDouble(i) > 0 ? (long) log.numberColumn("time_ms").getDouble(i) : 0;
                if (log.stringColumn("kind").get(i).equals(c.getKey()) && t >= first && t < stop) {
                    inWindow++;
                }
            }
            assertThat((long) cps.longColumn(c.getValue()).sum()).as(c.getValue()).isEqualTo(inWindow);
        }
        // a checkpoint's uploaded bytes are at least what Flink says it persisted
        Table steady = slow.steadyCheckpoints();
        for (int i = 0; i < steady.rowCount(); i++) {
            assertThat(steady.longColumn("s3_put_bytes").getLong(i))
                    .isGreaterThanOrEqualTo(steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).getLong(i) - 30_000);
        }
    }

    @Test
    void itsRetainedCheckpointRestoresFromTheStoreWithExactlyTheCheckpointedState() {
        String path = CheckpointFiles.latest(incremental.checkpointDir()).orElseThrow().toUri().toString();
        assertThat(path).startsWith("s3://");
        Run back = Runs.run(incremental.experiment().restoreFrom(path).verifyState().name("s3-back"), Embedded.get());
        assertThat(back.status()).isEqualTo("FINISHED");
        assertThat(back.verification().matches()).as(back.verification().toString()).isTrue();
        assertThat(back.verification().keys()).isEqualTo(BASE.keys());
        Row r = back.recoveries().row(0);
        assertThat(r.getString(RecoveryTable.CAUSE)).isEqualTo(RecoveryTable.RESTORE);
        double state = incremental.finalStateBytes();
        assertThat((double) r.getLong(RecoveryTable.RESTORED_BYTES)).isCloseTo(state, within(state * 0.01));
        // read back from the store, not from a local copy
        assertThat(r.getLong(RecoveryTable.RESTORED_REMOTE_BYTES)).isPositive();
        assertThat(back.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
    }

    /**
     * On file:// storage Flink counts the checkpoint itself as local disk, so only a remote store tells a restore
     * from the TaskManager's local copies apart from one from the checkpoint (see the restore above: REMOTE bytes).
     */
    @Test
    void aFailoverWithLocalRecoveryReadsTheTaskManagersCopiesNotTheStore() {
        Run r = Runs.run(BASE.mode("incremental").seconds(5).localRecovery(true).failAfter("2s")
                .name("s3-local-recovery"), Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        Table rec = r.recoveries();
        assertThat(rec.stringColumn(RecoveryTable.CAUSE).asList()).containsExactly(RecoveryTable.FAILURE);
        assertThat(rec.longColumn(RecoveryTable.RESTORED_LOCAL_BYTES).getLong(0)).isPositive()
                .isEqualTo(rec.longColumn(RecoveryTable.RESTORED_BYTES).getLong(0));
        assertThat(rec.longColumn(RecoveryTable.RESTORED_REMOTE_BYTES).isMissing(0)
                || rec.longColumn(RecoveryTable.RESTORED_REMOTE_BYTES).getLong(0) == 0)
                .as("bytes read back from the store: %s", rec.longColumn(RecoveryTable.RESTORED_REMOTE_BYTES).get(0))
                .isTrue();
    }

    @Test
    void addedLatencySlowsCheckpointsDown() {
        double plain = incremental.steadyCheckpoints().longColumn(CheckpointTable.DURATION_MS).median();
        double delayed = slow.steadyCheckpoints().longColumn(CheckpointTable.DURATION_MS).median();
        // a checkpoint makes several requests one after the other (its files, then _metadata): 50 ms each
        assertThat(delayed).isGreaterThan(plain + 100);
    }

    private static void listRecursively(FileSystem fs, org.apache.flink.core.fs.Path dir, Set<String> out, URI root)
            throws Exception {
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDir()) {
                listRecursively(fs, s.getPath(), out, root);
            } else {
                out.add(s.getPath().toUri().getPath().substring(root.getPath().length() + 1));
            }
        }
    }

    /** The server's own request counts by S3 operation (its Prometheus endpoint), summed over status codes. */
    static Map<String, Long> metrics() throws Exception {
        URI endpoint = ClusterNeeds.store().endpoint();
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Pattern p = Pattern.compile("^http_server_request_duration_seconds_count\\{([^}]*)\\} (\\d+)", Pattern.MULTILINE);
        Pattern op = Pattern.compile("s3_operation=\"([^\"]+)\"");
        Map<String, Long> out = new HashMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            Matcher o = op.matcher(m.group(1));
            if (o.find()) {
                out.merge(o.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return out;
    }
}
