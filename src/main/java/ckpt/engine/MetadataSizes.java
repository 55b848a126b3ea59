package ckpt.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each completed checkpoint's {@code _metadata} size. Flink's REST statistics do not carry it; Flink reports it in
 * two places, and this class reads whichever the target has:
 * <ul>
 *   <li>the {@code Checkpoint} trace span, one per checkpoint, on clusters the tool starts (their span file): exact
 *       for every checkpoint;</li>
 *   <li>the job gauges {@code lastCompletedCheckpointId} and {@code lastCheckpointMetadataSize}, on any cluster.
 *       Both read the latest completed checkpoint separately while the JobManager dumps its metrics, so a
 *       checkpoint completing during a dump tears the pair: one checkpoint's id with the next one's size. A pair is
 *       therefore kept only when a second, later dump (told apart by the job's {@code runningTime}, which changes
 *       with every dump) shows the same id and size: a checkpoint completing during the first dump would have
 *       changed the second one's id or size.</li>
 * </ul>
 * Without spans, the {@code _metadata} file itself, where the shell can read the storage, comes first: read once
 * REST shows its checkpoint completed, and for the retained checkpoints at the end of the run. A checkpoint none of
 * them reported stays missing.
 */
final class MetadataSizes {
    /** The job gauges {@link #offerGauges} needs. */
    static final String[] GAUGES = {"lastCompletedCheckpointId", "lastCheckpointMetadataSize", "runningTime"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String job;
    private final Optional<Path> spanFile;
    /** False once a completed checkpoint had no span (the reporter is not working): the gauges take over. */
    private boolean spansWork;
    private final Map<Long, Long> bytes = new HashMap<>();
    /** Where the next unread span line starts. */
    private long offset;
    /** The last dump's pair, waiting for a later dump to confirm it. */
    private long pendingId = -1;
    private long pendingSize = -1;
    private long lastDump = -1;

    /**
     * @param job      the job whose checkpoints to keep
     * @param spanFile the cluster's span file, if it has one
     * @param from     where to start reading it: its {@link #end} before the job was submitted, since every job of
     *                 the cluster writes to it
     */
    MetadataSizes(String job, Optional<Path> spanFile, long from) {
        this.job = job;
        this.spanFile = spanFile;
        this.offset = from;
        this.spansWork = spanFile.isPresent();
    }

    /** The span file's current length (0 when there is none): where a job submitted next starts in it. */
    static long end(Optional<Path> spanFile) {
        return spanFile.map(MetadataSizes::size).orElse(0L);
    }

    /** True when the cluster reports spans, so the job gauges are not needed. */
    boolean fromSpans() {
        return spansWork;
    }

    /** The checkpoint's _metadata size, or -1 when it was not reported (or not confirmed). */
    long get(long checkpointId) {
        return bytes.getOrDefault(checkpointId, -1L);
    }

    /**
     * Reads the spans written since the last call. Flink writes a checkpoint's span under the same lock as it adds
     * the checkpoint to the statistics REST serves, so after REST showed a checkpoint completed, its span is here;
     * if it is not, the reporter is not working and the job gauges are read from now on.
     *
     * @param completed a checkpoint REST showed completed, or -1
     */
    void readSpans(long completed) {
        if (spansWork) {
            read();
            if (completed >= 0 && !bytes.containsKey(completed)) {
                spansWork = false;
                org.slf4j.LoggerFactory.getLogger(MetadataSizes.class).warn(
                        "no span for completed checkpoint {} of job {} in {}: reading the job gauges instead",
                        completed, job, spanFile.get());
            }
        }
    }

    private void read() {
        if (!Files.isRegularFile(spanFile.get())) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(spanFile.get().toFile(), "r")) {
            if (f.length() <= offset) {
                return;
            }
            byte[] b = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - offset)];
            f.seek(offset);
            f.readFully(b);
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    span(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            offset += start; // a line still being written is read whole next time
        } catch (IOException e) {
            // unreadable now: the next poll tries again; never reported means missing, never 0
        }
    }

    private void span(String line) {
        try {
            JsonNode s = JSON.readTree(line);
            JsonNode a = s.path("attributes");
            if ("Checkpoint".equals(s.path("name").asText()) && job.equals(Spans.jobOf(a))
                    && "COMPLETED".equals(a.path("checkpointStatus").asText()) && a.path("metadataSize").isNumber()) {
                bytes.put(a.path("checkpointId").asLong(), a.path("metadataSize").asLong());
            }
        } catch (IOException | RuntimeException e) {
            // not one of Flink's span lines: skip it
        }
    }

    /** The job's checkpoint folder, where a completed checkpoint's {@code _metadata} file can be read. */
    private java.net.URI jobDir;
    private boolean storageReadable;

    /**
     * Where to read a completed checkpoint's {@code _metadata} file when the cluster has no spans: a remote
     * cluster's checkpoints are often in storage the shell reads too.
     */
    MetadataSizes withStorage(java.net.URI jobCheckpointDir) {
        this.jobDir = jobCheckpointDir;
        this.storageReadable = jobCheckpointDir != null;
        return this;
    }

    /**
     * Reads the {@code _metadata} length of a checkpoint REST showed completed, when no span gives it. Flink wrote
     * and closed the file before it counted the checkpoint complete, so its length is final; it is there until a
     * newer checkpoint subsumes it, and the runner looks far more often than checkpoints complete.
     */
    void readStored(long checkpointId) {
        if (spansWork || !storageReadable || bytes.containsKey(checkpointId)) {
            return;
        }
        org.apache.flink.core.fs.Path m = new org.apache.flink.core.fs.Path(
                new org.apache.flink.core.fs.Path(jobDir), "chk-" + checkpointId + "/_metadata");
        try {
            offerStored(checkpointId, m.getFileSystem().getFileStatus(m).getLen());
        } catch (java.io.FileNotFoundException e) {
            // subsumed already, or written where this shell does not see it: the gauges or the end may give it
        } catch (IOException | RuntimeException e) {
            storageReadable = false; // no file system for it here: do not ask for every checkpoint
        }
    }

    /**
     * A checkpoint's {@code _metadata} file length, read from the storage: the size Flink reports, for a
     * checkpoint no span gave. Returns true when it was new.
     */
    boolean offerStored(long checkpointId, long length) {
        return length > 0 && bytes.putIfAbsent(checkpointId, length) == null;
    }

    /** Offers one look's job gauges (see the class comment); ignored when spans are read. */
    void offerGauges(Map<String, Long> gauges) {
        Long id = gauges.get(GAUGES[0]);
        Long size = gauges.get(GAUGES[1]);
        Long dump = gauges.get(GAUGES[2]);
        if (fromSpans() || id == null || size == null || dump == null || id < 0 || size < 0 || dump == lastDump) {
            return; // the same dump again proves nothing
        }
        lastDump = dump;
        if (id == pendingId && size == pendingSize) {
            bytes.putIfAbsent(id, size);
        }
        pendingId = id;
        pendingSize = size;
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
