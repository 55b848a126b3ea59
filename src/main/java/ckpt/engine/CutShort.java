package ckpt.engine;

import ckpt.io.Files2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * Runs whose session died before they finished (kill -9, a crash): their measurements are on disk
 * (checkpoints.csv is rewritten at every completed checkpoint) but summary.json is missing and RocksDB's working
 * folder was never removed. At the next start such a run gets a summary written from what is on disk, marked as cut
 * short, and its working folder goes. A run folder records its owner (pid and start time) while it runs, so a run
 * of another live session is left alone.
 */
public final class CutShort {
    static final String OWNER = "owner.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CutShort() {
    }

    /** Marks this JVM as the owner of a run folder while the run is in flight. */
    static void own(Recorder files) {
        ProcessHandle me = ProcessHandle.current();
        files.json(OWNER, Map.of("pid", me.pid(), "start", me.info().startInstant().map(Object::toString).orElse("")));
    }

    /** The run finished (or failed) in this JVM: nothing to repair later. */
    static void release(Recorder files) {
        try {
            Files.deleteIfExists(files.dir().resolve(OWNER));
        } catch (IOException e) {
            // a stale owner file names a live pid: the next start leaves the folder alone, which is safe
        }
    }

    /** Repairs every cut-short run under the runs folder; returns the ids it repaired. */
    public static List<String> repair() {
        Path root = Recorder.root();
        List<String> repaired = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return repaired;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path run : s.filter(p -> Files.isRegularFile(p.resolve(OWNER))).toList()) {
                if (!ownerAlive(run) && !Files.exists(run.resolve("summary.json"))) {
                    writeSummary(run);
                    repaired.add(run.getFileName().toString());
                }
                if (!ownerAlive(run)) {
                    Files2.deleteRecursively(run.resolve("rocksdb-local"));
                    Files.deleteIfExists(run.resolve(OWNER));
                }
            }
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CutShort.class).warn("could not check " + root + " for cut-short runs", e);
        }
        return repaired;
    }

    private static boolean ownerAlive(Path run) {
        try {
            JsonNode o = JSON.readTree(run.resolve(OWNER).toFile());
            return ProcessHandle.of(o.path("pid").asLong()).filter(ProcessHandle::isAlive)
                    .map(h -> h.info().startInstant().map(Object::toString).orElse("").equals(o.path("start").asText()))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** A summary from the files: the experiment, the checkpoints measured so far, status CUT SHORT. */
    static void writeSummary(Path run) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.getFileName().toString());
        JsonNode experiment = Files.exists(run.resolve("experiment.json"))
                ? JSON.readTree(run.resolve("experiment.json").toFile()) : JSON.createObjectNode();
        m.put("name", experiment.path("name").asText(""));
        m.put("mode", experiment.path("mode").asText(""));
        m.put("status", "CUT SHORT: the session ended before the run finished (summary written at the next start "
                + "from the files on disk)");
        Path csv = run.resolve("checkpoints.csv");
        if (Files.exists(csv) && Files.size(csv) > 0) {
            Table t = Table.read().csv(csv.toFile());
            m.put("checkpoints_total", t.rowCount());
            if (t.columnNames().contains("status")) {
                m.put("checkpoints_completed", t.stringColumn("status").countOccurrences("COMPLETED"));
            }
            if (t.columnNames().contains("phase") && t.columnNames().contains("status")) {
                m.put("checkpoints_steady", t.where(t.stringColumn("phase").isEqualTo("steady")
                        .and(t.stringColumn("status").isEqualTo("COMPLETED"))).rowCount());
            }
        } else {
            m.put("checkpoints_total", 0);
        }
        new Recorder(run).json("summary.json", m);
    }
}
