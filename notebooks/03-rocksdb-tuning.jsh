//% RocksDB tuning: write buffer size and compression under incremental checkpoints
// Two knobs, one at a time, everything else fixed. Each sweep runs one experiment per value and puts the
// results side by side: how many bytes each checkpoint uploaded (checkpointed_bytes: the delta, in incremental
// mode) and how long checkpoints took. See docs/rocksdb.md for what the knobs do and how memory is shared.
import ckpt.rocksdb.*;

//% parameters
var keys = 20000;          // distinct keys in state
var valueBytes = 200;      // random bytes per value
var churn = 0.2;           // share of keys updated per checkpoint interval
var seconds = 4;           // steady phase per run (warm-up comes on top)
var interval = "1s";       // checkpoint interval

//% Which knobs exist
// The catalog is read from Flink's own option definitions; filter by a word.
rocksdbOptions("writebuffer")
rocksdbOptions("compression")
rocksdbOptions("compaction")

//% The base experiment
// Incremental checkpoints on RocksDB. Memory stays managed (Flink's default): the slot's managed memory bounds
// block cache and memtables, and writebuffer.size still decides when a single memtable is flushed.
// (Lines end with '.' so each one is visibly unfinished: a shell evaluates a complete line at once.)
var base = experiment().mode("incremental").
        keys(keys).valueBytes(valueBytes).churn(churn).
        seconds(seconds).interval(interval);
base

//% Sweep 1 — write buffer size
// A small write buffer flushes memtables between checkpoints: more, smaller SST files, more compaction. A large
// one holds the whole interval's updates until the checkpoint flushes them.
var wb = sweep(base, "writebuffer.size", "1mb", "4mb", "16mb", "64mb");
wb

//% Checkpointed bytes per write buffer size
chart(wb, "writebuffer.size", "median_checkpointed_bytes")

//% Checkpoint duration per write buffer size
chart(wb, "writebuffer.size", "p50_duration_ms")

//% Sweep 2 — compression
// Values are random bytes, so compression cannot shrink them much: what it saves is mostly keys and RocksDB's
// per-entry overhead. ZSTD and LZ4 trade CPU for size; NO_COMPRESSION shows the raw cost.
var compression = sweep(base, "compression.per.level",
        "NO_COMPRESSION", "SNAPPY_COMPRESSION", "LZ4_COMPRESSION", "ZSTD_COMPRESSION");
compression

//% Checkpointed bytes per compression
chart(compression, "compression.per.level", "median_checkpointed_bytes")

//% Checkpoint duration per compression
chart(compression, "compression.per.level", "p50_duration_ms")

//% Proof: what RocksDB actually opened with
// Flink passes options to RocksDB; RocksDB writes the options it really uses into its OPTIONS file, which the
// run reads back (appliedOptions). A setting RocksDB sanitised away shows as "differs".
var r = run(base.name("wb-8mb-lz4")
        .rocksdb("writebuffer.size", "8mb")
        .rocksdb("compression.per.level", "LZ4_COMPRESSION"));
RocksDbOptionsFile.get(r.appliedOptions(), "write_buffer_size")
RocksDbOptionsFile.get(r.appliedOptions(), "compression_per_level")
applied(r)

//% Profiles
// Flink's predefined profiles and the options each one sets; explicitly set options win over a profile.
rocksdbProfiles()
