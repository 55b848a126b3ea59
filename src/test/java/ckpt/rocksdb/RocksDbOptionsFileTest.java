package ckpt.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.apache.flink.state.rocksdb.PredefinedOptions;
import org.apache.flink.state.rocksdb.RocksDBResourceContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import tech.tablesaw.api.Table;

class RocksDbOptionsFileTest {

    @BeforeAll
    static void loadRocksDb() {
        RocksDB.loadLibrary();
    }

    /** Opens and closes a real RocksDB; RocksDB writes its OPTIONS-* file itself. */
    private static Path openPlain(Path dir, long writeBufferSize) throws Exception {
        Path db = dir.resolve("db");
        try (Options o = new Options().setCreateIfMissing(true).setWriteBufferSize(writeBufferSize);
             RocksDB ignored = RocksDB.open(o, db.toString())) {
            // open and close
        }
        return db;
    }

    /**
     * Opens a real RocksDB the way Flink's backend does: DBOptions and ColumnFamilyOptions come from Flink's own
     * RocksDBResourceContainer for the given Flink keys and profile, plus one state column family.
     */
    private static Path openWithFlink(Path dir, Map<String, String> flinkKeys, PredefinedOptions profile)
            throws Exception {
        Path db = dir.resolve("flink-db");
        Files.createDirectories(db);
        try (RocksDBResourceContainer c = new RocksDBResourceContainer(Configuration.fromMap(flinkKeys), profile,
                null, null, db.toFile(), false)) {
            DBOptions dbOptions = c.getDbOptions();
            ColumnFamilyOptions cf = c.getColumnOptions();
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB rocks = RocksDB.open(dbOptions, db.toString(),
                    List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf)), handles)) {
                ColumnFamilyHandle state = rocks.createColumnFamily(
                        new ColumnFamilyDescriptor("my-state".getBytes(StandardCharsets.UTF_8), cf));
                state.close();
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
        return db;
    }

    @Test
    void readsAFileRocksDbWrote(@TempDir Path tmp) throws Exception {
        Path db = openPlain(tmp, 8 << 20);
        Path file = RocksDbOptionsFile.latest(db).orElseThrow();
        assertThat(file.getFileName().toString()).startsWith("OPTIONS-");

        Map<String, String> o = RocksDbOptionsFile.read(file);
        assertThat(o).containsEntry("CFOptions \"default\".write_buffer_size", "8388608");
        assertThat(o.get("Version.rocksdb_version")).startsWith("8.");
        assertThat(o).containsKey("DBOptions.max_background_jobs");
        assertThat(o).containsKey("TableOptions/BlockBasedTable \"default\".block_size");
        assertThat(RocksDbOptionsFile.get(o, "write_buffer_size")).contains("8388608");
        assertThat(RocksDbOptionsFile.get(o, "max_open_files")).contains("-1");
        assertThat(RocksDbOptionsFile.get(o, "no_such_option")).isEmpty();
        assertThat(RocksDbOptionsFile.columnFamilies(o)).containsExactly("default");
    }

    @Test
    void latestPicksTheHighestNumberInATree(@TempDir Path tmp) throws Exception {
        assertThat(RocksDbOptionsFile.latest(tmp)).isEmpty();
        assertThat(RocksDbOptionsFile.latest(tmp.resolve("missing"))).isEmpty();

        Path nested = Files.createDirectories(tmp.resolve("a/b"));
        Path db = openWithFlink(nested, Map.of("state.backend.rocksdb.writebuffer.size", "4mb"),
                PredefinedOptions.DEFAULT);
        List<Path> all;
        try (var s = Files.list(db)) {
            all = s.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")).sorted().toList();
        }
        // Opening, then creating the state column family: RocksDB wrote a newer file with both families.
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        Path latest = RocksDbOptionsFile.latest(tmp).orElseThrow();
        assertThat(latest).isEqualTo(all.get(all.size() - 1));
        assertThat(RocksDbOptionsFile.columnFamilies(RocksDbOptionsFile.read(latest)))
                .containsExactly("default", "my-state");
    }

    @Test
    void flinkKeysAreFoundUnderTheirRocksDbNames(@TempDir Path tmp) throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("writebuffer.size", "8mb");
        set.put("writebuffer.count", "3");
        set.put("writebuffer.number-to-merge", "2");
        set.put("thread.num", "3");
        set.put("files.open", "500");
        set.put("log.level", "WARN_LEVEL");
        set.put("log.max-file-size", "1mb");
        set.put("log.file-num", "3");
        set.put("compaction.style", "UNIVERSAL");
        set.put("compaction.level.target-file-size-base", "32mb");
        set.put("compaction.level.max-size-level-base", "128mb");
        set.put("compaction.filter.periodic-compaction-time", "2d");
        set.put("compression.per.level", "NO_COMPRESSION;LZ4_COMPRESSION");
        set.put("block.blocksize", "16kb");
        set.put("block.metadata-blocksize", "8kb");
        set.put("use-bloom-filter", "true");
        set.put("bloom-filter.bits-per-key", "12");
        Map<String, String> full = new LinkedHashMap<>();
        set.forEach((k, v) -> full.put(OptionCatalog.validate(k, v), v));

        Path db = openWithFlink(tmp, full, PredefinedOptions.DEFAULT);
        Map<String, String> file = RocksDbOptionsFile.read(RocksDbOptionsFile.latest(db).orElseThrow());
        assertThat(file).containsEntry("CFOptions \"my-state\".write_buffer_size", "8388608");

        Map<String, String> asSet = new LinkedHashMap<>(set);
        asSet.put("block.cache-size", "16mb");
        asSet.put("memory.managed", "false");
        Table t = RocksDbOptionsFile.forFlinkKeys(asSet, file);
        assertThat(t.columnNames()).containsExactly("key", "value", "rocksdb", "expected", "found", "verdict", "note");
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            verdicts.put(t.stringColumn("key").get(i), t.stringColumn("verdict").get(i));
        }
        for (String k : set.keySet()) {
            assertThat(verdicts.get(k)).as(k + " → " + t.where(t.stringColumn("key").isEqualTo(k)).print())
                    .isEqualTo(RocksDbOptionsFile.APPLIED);
        }
        assertThat(verdicts.get("block.cache-size")).isEqualTo(RocksDbOptionsFile.NOT_RECORDED);
        assertThat(verdicts.get("memory.managed")).isEqualTo(RocksDbOptionsFile.FLINK_SIDE);

        int wb = t.stringColumn("key").asList().indexOf("writebuffer.size");
        assertThat(t.stringColumn("rocksdb").get(wb)).isEqualTo("CFOptions.write_buffer_size (2 column families)");
        assertThat(t.stringColumn("expected").get(wb)).isEqualTo("8388608");
        assertThat(t.stringColumn("found").get(wb)).isEqualTo("8388608");

        // The same file against values that were not applied.
        Table wrong = RocksDbOptionsFile.forFlinkKeys(
                Map.of("state.backend.rocksdb.writebuffer.size", "16mb", "thread.num", "7"), file);
        assertThat(wrong.stringColumn("verdict").asList()).containsOnly(RocksDbOptionsFile.DIFFERS);
        // No OPTIONS file at all.
        Table none = RocksDbOptionsFile.forFlinkKeys(Map.of("writebuffer.size", "8mb"), Map.of());
        assertThat(none.stringColumn("verdict").get(0)).isEqualTo(RocksDbOptionsFile.NOT_FOUND);
        assertThat(none.stringColumn("note").get(0)).contains("no OPTIONS file");
    }

    @Test
    void aSettingRocksDbSanitisesAwayShowsAsDiffers(@TempDir Path tmp) throws Exception {
        // With LEVEL compaction RocksDB keeps dynamic level sizing …
        Map<String, String> level = Map.of("state.backend.rocksdb.compaction.level.use-dynamic-size", "true");
        Map<String, String> f1 = RocksDbOptionsFile.read(RocksDbOptionsFile.latest(
                openWithFlink(tmp.resolve("level"), level, PredefinedOptions.DEFAULT)).orElseThrow());
        assertThat(RocksDbOptionsFile.forFlinkKeys(level, f1).stringColumn("verdict").get(0))
                .isEqualTo(RocksDbOptionsFile.APPLIED);
        // … with UNIVERSAL it silently turns it off: Flink set it, the OPTIONS file proves it is not in effect.
        Map<String, String> universal = new LinkedHashMap<>(level);
        universal.put("state.backend.rocksdb.compaction.style", "UNIVERSAL");
        Map<String, String> f2 = RocksDbOptionsFile.read(RocksDbOptionsFile.latest(
                openWithFlink(tmp.resolve("universal"), universal, PredefinedOptions.DEFAULT)).orElseThrow());
        Table t = RocksDbOptionsFile.forFlinkKeys(universal, f2);
        assertThat(t.stringColumn("verdict").asList()).containsExactly(RocksDbOptionsFile.DIFFERS,
                RocksDbOptionsFile.APPLIED);
        assertThat(t.stringColumn("found").get(0)).isEqualTo("false");
    }

    @Test
    void aProfileIsCheckedOptionByOption(@TempDir Path tmp) throws Exception {
        Path db = openWithFlink(tmp, Map.of(), PredefinedOptions.SPINNING_DISK_OPTIMIZED_HIGH_MEM);
        Map<String, String> file = RocksDbOptionsFile.read(RocksDbOptionsFile.latest(db).orElseThrow());
        Table t = RocksDbOptionsFile.forFlinkKeys(Map.of(Profiles.KEY, "SPINNING_DISK_OPTIMIZED_HIGH_MEM"), file);
        List<String> keys = t.stringColumn("key").asList();
        assertThat(keys).contains("predefined-options", "thread.num", "writebuffer.count", "block.blocksize",
                "use-bloom-filter");
        for (int i = 0; i < t.rowCount(); i++) {
            String k = keys.get(i);
            String v = t.stringColumn("verdict").get(i);
            if (k.equals("predefined-options")) {
                assertThat(v).isEqualTo(RocksDbOptionsFile.FLINK_SIDE);
            } else if (k.equals("block.cache-size")) {
                assertThat(v).isEqualTo(RocksDbOptionsFile.NOT_RECORDED);
            } else {
                assertThat(v).as(k).isEqualTo(RocksDbOptionsFile.APPLIED);
                assertThat(t.stringColumn("note").get(i)).startsWith("from profile SPINNING_DISK_OPTIMIZED_HIGH_MEM");
            }
        }
    }

    @Test
    void compressionRulesMatchWhatRocksDbAccepts(@TempDir Path tmp) throws Exception {
        // validate() refuses exactly the compression types this RocksDB build cannot open a database with.
        for (CompressionType type : CompressionType.values()) {
            boolean accepted;
            try {
                OptionCatalog.validate("compression.per.level", type.name());
                accepted = true;
            } catch (CkptException e) {
                accepted = false;
            }
            boolean opens;
            Path dir = tmp.resolve(type.name());
            try (Options o = new Options().setCreateIfMissing(true).setCompressionPerLevel(List.of(type));
                 RocksDB ignored = RocksDB.open(o, dir.toString())) {
                opens = true;
            } catch (Exception e) {
                opens = false;
            }
            assertThat(accepted).as(type.name()).isEqualTo(opens);
            if (opens) {
                Map<String, String> file = RocksDbOptionsFile.read(RocksDbOptionsFile.latest(dir).orElseThrow());
                Table t = RocksDbOptionsFile.forFlinkKeys(Map.of("compression.per.level", type.name()), file);
                assertThat(t.stringColumn("verdict").get(0)).as(type.name()).isEqualTo(RocksDbOptionsFile.APPLIED);
            }
        }
    }

    @Test
    void readsTheOptionsFileFromFlinkCheckpointMetadata(@TempDir Path tmp) throws Exception {
        Path db = openPlain(tmp, 8 << 20);
        Path optionsFile = RocksDbOptionsFile.latest(db).orElseThrow();
        byte[] bytes = Files.readAllBytes(optionsFile);
        String localName = optionsFile.getFileName().toString();
        Path job = Files.createDirectories(tmp.resolve("checkpoints/job"));

        // chk-1: OPTIONS inlined into _metadata (small files are, below the data-inline threshold).
        writeMetadata(job.resolve("chk-1"), HandleAndLocalPath.of(new ByteStreamStateHandle("inline", bytes), localName));
        // chk-2: OPTIONS uploaded to shared/ under a random name, as Flink's uploader names files.
        Path shared = Files.createDirectories(job.resolve("shared"));
        Path uploaded = shared.resolve(UUID.randomUUID().toString());
        Files.write(uploaded, bytes);
        writeMetadata(job.resolve("chk-2"), HandleAndLocalPath.of(
                new FileStateHandle(new org.apache.flink.core.fs.Path(uploaded.toUri()), bytes.length), localName));

        Map<String, String> inline = ckpt.engine.AppliedOptions.fromCheckpoint(job.resolve("chk-1").toUri()).orElseThrow();
        assertThat(inline).containsEntry("CFOptions \"default\".write_buffer_size", "8388608");
        Map<String, String> fromFile = ckpt.engine.AppliedOptions.fromCheckpoint(job.toUri()).orElseThrow(); // highest chk-N
        assertThat(fromFile).isEqualTo(inline);
        assertThat(ckpt.engine.AppliedOptions.fromCheckpoint(job.resolve("chk-2").resolve("_metadata").toUri())).contains(inline);
        assertThat(ckpt.engine.AppliedOptions.fromCheckpoint(tmp.resolve("nothing-here").toUri())).isEmpty();
        // The uploaded copy has a random name: latest() recognises it by its header.
        assertThat(RocksDbOptionsFile.latest(shared)).contains(uploaded);
    }

    private static void writeMetadata(Path chk, HandleAndLocalPath options) throws Exception {
        Files.createDirectories(chk);
        StreamStateHandle meta = new ByteStreamStateHandle("meta", new byte[] {1, 2, 3});
        IncrementalRemoteKeyedStateHandle handle = new IncrementalRemoteKeyedStateHandle(UUID.randomUUID(),
                KeyGroupRange.of(0, 127), 1L, List.of(), List.of(options), meta);
        OperatorState op = new OperatorState("counter", "counter-uid", new OperatorID(), 1, 128);
        op.putState(0, OperatorSubtaskState.builder().setManagedKeyedState(handle).build());
        CheckpointMetadata cm = new CheckpointMetadata(1L, List.of(op), List.of());
        try (OutputStream out = Files.newOutputStream(chk.resolve("_metadata"));
             DataOutputStream dos = new DataOutputStream(out)) {
            Checkpoints.storeCheckpointMetadata(cm, dos);
        }
    }

    @Test
    void malformedFilesFailWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("OPTIONS-000001");
        Files.writeString(f, "# comment\n[DBOptions]\n  max_open_files=-1\n  garbage line\n");
        assertThatThrownBy(() -> RocksDbOptionsFile.read(f))
                .isInstanceOf(CkptException.class)
                .hasMessage(f + ":4: not a RocksDB option line: 'garbage line'");
        Path g = tmp.resolve("OPTIONS-000002");
        Files.writeString(g, "just text\n");
        assertThatThrownBy(() -> RocksDbOptionsFile.read(g)).hasMessageContaining(":1: not a RocksDB option line");
        assertThatThrownBy(() -> RocksDbOptionsFile.read(tmp.resolve("OPTIONS-missing")))
                .hasMessageContaining("cannot read RocksDB options file");
        // latest() goes by number, not by name order or age.
        Files.writeString(tmp.resolve("OPTIONS-000010"), "[DBOptions]\n a=1\n");
        assertThat(RocksDbOptionsFile.latest(tmp)).contains(tmp.resolve("OPTIONS-000010"));
    }
}
