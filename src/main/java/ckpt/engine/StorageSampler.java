package ckpt.engine;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Timeline;
import ckpt.store.S3Store;
import ckpt.store.StoreRequests;
import ckpt.store.StoreRequests.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What the storage holds and serves while a run goes on, per checkpoint, for the columns that come from the
 * storage's side rather than from Flink:
 * <ul>
 * <li>{@code disk_bytes}: bytes in the job's checkpoint folder (and changelog folder) while the checkpoint was the
 *     newest completed one — the last look before the next checkpoint was triggered (Flink removes what a
 *     checkpoint subsumes only after it completes), on Flink's trigger and end times. Looked at every 50 ms in the
 *     background by walking the folder on this machine's disk (for the embedded S3 server: the folder its objects
 *     are files in); a store only Flink's file system reaches is listed once per checkpoint interval (the times
 *     then assume this machine's clock is the JobManager's). For the run's last checkpoint, when the run stopped
 *     before a look came after it, the settled listing after the stop. {@code storage_overhead} is
 *     {@code disk_bytes ÷ state_bytes}.</li>
 * <li>with the embedded S3 server, the requests it served from the checkpoint's trigger to the next one's (or
 *     to the stop): {@code s3_put}, {@code s3_get}, {@code s3_head}, {@code s3_delete}, {@code s3_list},
 *     {@code s3_multipart}, {@code s3_put_bytes}, {@code s3_get_bytes}. Every request of the run, with the shell's
 *     own reads after the stop, is written to {@code store-requests.csv}.</li>
 * </ul>
 */
final class StorageSampler {
    static final String DISK_BYTES = "disk_bytes";
    static final String STORAGE_OVERHEAD = "storage_overhead";
    static final String S3_PUT = "s3_put";
    static final String S3_GET = "s3_get";
    static final String S3_HEAD = "s3_head";
    static final String S3_DELETE = "s3_delete";
    static final String S3_LIST = "s3_list";
    static final String S3_MULTIPART = "s3_multipart";
    static final String S3_PUT_BYTES = "s3_put_bytes";
    static final String S3_GET_BYTES = "s3_get_bytes";

    private final Experiment e;
    private final String checkpointRoot;
    private final S3Store store;
    private final StoreRequests requests;
    /** Looks at the storage: {epoch ms, bytes}, in time order. */
    private final List<long[]> samples = new java.util.ArrayList<>();
    private URI jobDir;
    private URI changelogDir;
    private volatile boolean stopped;
    private Thread thread;

    StorageSampler(Experiment e, String checkpointRoot) {
        this.e = e;
        this.checkpointRoot = checkpointRoot;
        if (e.extras().embeddedS3()) {
            this.store = ClusterNeeds.store();
            store.limits(e.extras().storageLatency(), e.extras().storageBandwidth());
            this.requests = store.record();
        } else {
            this.store = null;
            this.requests = null;
        }
    }

    void jobStarted(String jobId) {
        jobDir = URI.create(checkpointRoot.endsWith("/") ? checkpointRoot : checkpointRoot + "/").resolve(jobId);
        changelogDir = ClusterNeeds.changelogDir(e, jobId);
    }

    /**
     * Starts looking at the storage in the background: every 50 ms when its files are on this machine's disk (a
     * walk), once per checkpoint interval when only Flink's file system reaches it (a listing costs requests).
     */
    void start(long intervalMillis) {
        long every = jobDir != null && localPath(jobDir) != null ? 50 : Math.max(500, intervalMillis);
        Thread t = new Thread(() -> {
            while (!stopped) {
                try {
                    long bytes = bytes(jobDir) + (changelogDir == null ? 0 : bytes(changelogDir));
                    synchronized (samples) {
                        samples.add(new long[] {System.currentTimeMillis(), bytes});
                    }
                } catch (IOException | UncheckedIOException ex) {
                    // not readable now (e.g. a folder removed while walked): the next look counts
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }, "ckpt-storage-sampler");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    /** Stops looking (the job has stopped). */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Bytes in storage while the checkpoint that ended at {@code end} was the newest: the last look before the
     * next trigger ({@code next}), else the first look after its end; -1 when there was none.
     */
    private long diskAt(long end, long next) {
        synchronized (samples) {
            long found = -1;
            for (long[] sample : samples) {
                if (sample[0] >= end && sample[0] < next) {
                    found = sample[1];
                }
            }
            if (found < 0) {
                for (long[] sample : samples) {
                    if (sample[0] >= end) {
                        return sample[1];
                    }
                }
            }
            return found;
        }
    }

    /**
     * After the stop, for the newest completed checkpoint of {@code table} (this sampler's columns included): when its
     * {@code disk_bytes} is missing, a look that came after it since the table was built fills it, else the settled
     * listing of the stopped job's storage ({@code bytes}) becomes that look. Returns whether the table should be
     * built again.
     */
    boolean lastLook(long bytes, Table table) {
        Table completed = CheckpointTable.completed(table);
        if (completed.rowCount() == 0 || !completed.columnNames().contains(DISK_BYTES)
                || !completed.longColumn(DISK_BYTES).isMissing(completed.rowCount() - 1)) {
            return false;
        }
        long end = end(completed, completed.rowCount() - 1);
        if (diskAt(end, Long.MAX_VALUE) < 0) {
            synchronized (samples) {
                samples.add(new long[] {Math.max(end, System.currentTimeMillis()), bytes});
            }
        }
        return true;
    }

    /** Bytes under a folder: walked on disk when it is on this machine, else listed through Flink's FileSystem. */
    private long bytes(URI dir) throws IOException {
        Path local = localPath(dir);
        if (local == null) {
            return Storage.list(dir).stream().mapToLong(Storage.Stored::bytes).sum();
        }
        return Files.isDirectory(local) ? ckpt.io.Files2.size(local) : 0; // files Flink removes meanwhile count 0
    }

    /** The folder on this machine's disk holding the URI's files, or null. */
    private Path localPath(URI dir) {
        if ("file".equals(dir.getScheme())) {
            return Path.of(dir);
        }
        if (store != null && "s3".equals(dir.getScheme()) && S3Store.BUCKET.equals(dir.getAuthority())) {
            return store.localPath(dir);
        }
        return null;
    }

    /** When a finished checkpoint of the table ended: its trigger time plus its duration (JobManager clock). */
    private static long end(Table checkpoints, int row) {
        return checkpoints.instantColumn(CheckpointTable.TRIGGER_TIME).get(row).toEpochMilli()
                + checkpoints.longColumn(CheckpointTable.DURATION_MS).getLong(row);
    }

    /** The checkpoint table with this sampler's columns appended. */
    Table columns(Table checkpoints, Timeline bounds) {
        Table t = checkpoints.copy();
        LongColumn diskCol = LongColumn.create(DISK_BYTES);
        InstantColumn trigger = t.instantColumn(CheckpointTable.TRIGGER_TIME);
        LongColumn duration = t.longColumn(CheckpointTable.DURATION_MS);
        for (int i = 0; i < t.rowCount(); i++) {
            boolean completed = CheckpointTable.COMPLETED.equals(t.stringColumn(CheckpointTable.STATUS).get(i));
            long b = -1;
            if (completed && !duration.isMissing(i)) {
                long end = end(t, i);
                long next = i + 1 < t.rowCount() ? trigger.get(i + 1).toEpochMilli() : Long.MAX_VALUE;
                b = diskAt(end, next);
            }
            if (b < 0) {
                diskCol.appendMissing();
            } else {
                diskCol.append(b);
            }
        }
        t.addColumns(diskCol);
        // the same ratio compare takes the p50 of, per checkpoint, for charts over time
        tech.tablesaw.api.DoubleColumn ratio = tech.tablesaw.api.DoubleColumn.create(STORAGE_OVERHEAD);
        LongColumn state = t.longColumn(CheckpointTable.STATE_BYTES);
        for (int i = 0; i < t.rowCount(); i++) {
            if (diskCol.isMissing(i) || state.isMissing(i) || state.getLong(i) <= 0) {
                ratio.appendMissing();
            } else {
                ratio.append((double) diskCol.getLong(i) / state.getLong(i));
            }
        }
        t.addColumns(ratio);
        if (requests != null) {
            addRequests(t, bounds);
        }
        return t;
    }

    private void addRequests(Table t, Timeline bounds) {
        List<StoreRequests.Request> all = requests.all();
        InstantColumn trig = t.instantColumn(CheckpointTable.TRIGGER_TIME);
        String[] names = {S3_PUT, S3_GET, S3_HEAD, S3_DELETE, S3_LIST, S3_MULTIPART, S3_PUT_BYTES, S3_GET_BYTES};
        LongColumn[] cols = new LongColumn[names.length];
        for (int c = 0; c < names.length; c++) {
            cols[c] = LongColumn.create(names[c]);
        }
        long end = bounds.stopAt() >= 0 ? bounds.stopAt() : Long.MAX_VALUE;
        for (int i = 0; i < t.rowCount(); i++) {
            long from = trig.get(i).toEpochMilli();
            long to = i + 1 < t.rowCount() ? trig.get(i + 1).toEpochMilli() : end;
            cols[0].append(StoreRequests.count(all, Kind.PUT, from, to));
            cols[1].append(StoreRequests.count(all, Kind.GET, from, to));
            cols[2].append(StoreRequests.count(all, Kind.HEAD, from, to));
            cols[3].append(StoreRequests.count(all, Kind.DELETE, from, to));
            cols[4].append(StoreRequests.count(all, Kind.LIST, from, to));
            cols[5].append(StoreRequests.count(all, Kind.MULTIPART, from, to));
            cols[6].append(StoreRequests.bytes(all, Kind.PUT, from, to));
            cols[7].append(StoreRequests.bytes(all, Kind.GET, from, to));
        }
        t.addColumns(cols);
    }

    /**
     * Waits until every request the store has received so far is answered and counted (the server answers before
     * it counts): the run's last table must share out every request that arrived before the stop.
     */
    void settleRequests() {
        if (requests != null) {
            requests.awaitInFlight(5_000);
        }
    }

    /**
     * Stops recording, writes every request of the run to {@code store-requests.csv} (arrival in epoch ms, kind,
     * bytes), lifts the added latency.
     */
    void close(Recorder files) {
        stop();
        if (requests == null) {
            return;
        }
        store.stopRecording(requests);
        settleRequests(); // the shell's own last reads: answered, perhaps not yet counted
        store.limits(null, 0);
        Table t = Table.create("store requests", LongColumn.create("time_ms"),
                tech.tablesaw.api.StringColumn.create("kind"), LongColumn.create("bytes"));
        for (StoreRequests.Request r : requests.all()) {
            t.longColumn("time_ms").append(r.timeMillis());
            t.stringColumn("kind").append(r.kind().name());
            t.longColumn("bytes").append(r.bytes());
        }
        files.csv("store-requests.csv", t);
    }
}
