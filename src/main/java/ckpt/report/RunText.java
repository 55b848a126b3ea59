package ckpt.report;

import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.RestartTable;
import ckpt.model.Run;
import ckpt.text.Units;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * A {@link Run} as text: one line (what the shell shows as {@code full ==> …}) and a few lines
 * ({@code summary(run)}). Upload volume leads, not the median alone: in incremental mode a few checkpoints that
 * re-upload most of the state after compactions carry most of the bytes, and the line says so.
 */
public final class RunText {
    private RunText() {
    }

    public static String oneLine(Run run) {
        Table steady = run.steadyCheckpoints();
        StringBuilder sb = new StringBuilder();
        sb.append(run.mode()).append(" · ");
        if (!run.status().equals("FINISHED")) {
            sb.append(run.status()).append(" · ");
        }
        sb.append(steady.rowCount()).append(steady.rowCount() == 1 ? " steady checkpoint" : " steady checkpoints");
        if (steady.rowCount() > 0) {
            sb.append(" · p50 ").append(millis((long) steady.longColumn(CheckpointTable.DURATION_MS).median()));
            double uploaded = steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).sum();
            sb.append(" · uploaded ").append(bytes((long) uploaded));
            if (run.steadyMillis() > 0) {
                sb.append(" (").append(bytes((long) (uploaded * 1000 / run.steadyMillis()))).append("/s)");
            }
            sb.append(" · median ").append(bytes((long) steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median()))
                    .append("/ckpt");
            Findings.concentration(run.checkpoints()).ifPresent(c -> sb.append(" · ").append(c));
        }
        sb.append(" · state ").append(bytes(run.finalStateBytes()));
        if (run.restartCount() > 0) {
            sb.append(" · ").append(run.restartCount()).append(run.restartCount() == 1 ? " restart" : " restarts");
        }
        if (run.disk() != null && run.disk().mostlyOrphaned()) {
            sb.append(" · ⚠ ").append(bytes(run.disk().orphanedBytes())).append(" orphaned");
        }
        if (steady.rowCount() > 1) {
            sb.append(" · ").append(TerminalChart.sparkline(
                    steady.longColumn(CheckpointTable.DURATION_MS).asDoubleArray()));
        }
        sb.append(" · ").append(run.dir());
        return sb.toString();
    }

    public static String text(Run run) {
        Experiment e = run.experiment();
        StringBuilder sb = new StringBuilder();
        sb.append(run.name()).append(" — ").append(oneLine(run)).append('\n');
        sb.append("  experiment   ").append(e).append('\n');
        sb.append("  target       ").append(run.target()).append('\n');
        sb.append(String.format(Locale.ROOT, "  phases       warm-up %s · steady %s%n", millis(run.warmupMillis()),
                millis(run.steadyMillis())));
        sb.append(String.format(Locale.ROOT, "  records      %,d · warm-up %,.0f/s · steady %,.0f/s (asked %,.0f/s)",
                run.records(), run.warmupRecordsPerSecond(), run.steadyRecordsPerSecond(),
                run.experiment().steadyRate()));
        boolean lostTm = run.recoveries() != null && run.recoveries().stringColumn(ckpt.model.RecoveryTable.CAUSE)
                .countOccurrences(ckpt.model.RecoveryTable.TASKMANAGER_LOST) > 0;
        if (lostTm) {
            sb.append(" · a lost TaskManager's last counts never reached Flink: records and replays are lower bounds");
        } else if (run.recordsReplayed() > 0) {
            sb.append(String.format(Locale.ROOT, " · %,d replayed after restores", run.recordsReplayed()));
        }
        sb.append('\n');
        Table all = run.checkpoints();
        sb.append(String.format(Locale.ROOT, "  checkpoints  %d completed (%d steady) · %d failed",
                CheckpointTable.completed(all).rowCount(), run.steadyCheckpoints().rowCount(), run.failedInHistory()));
        if (run.abortedAtStop() > 0) {
            sb.append(String.format(Locale.ROOT, " · %d aborted by the stop", run.abortedAtStop()));
        }
        if (run.failedOutsideHistory() > 0) {
            sb.append(String.format(Locale.ROOT, " · %d more refused before starting (Flink counts %d failed)",
                    run.failedOutsideHistory(), run.counts().failed()));
        }
        sb.append('\n');
        if (run.restartCount() > 0) {
            Table r = run.restarts();
            for (int i = 0; i < r.rowCount(); i++) {
                sb.append(String.format(Locale.ROOT, "  restart      +%s · %s%n",
                        millis(r.longColumn(CheckpointTable.T_MS).getLong(i)), r.stringColumn(RestartTable.CAUSE).get(i)));
            }
        }
        if (run.origin() != null && run.origin().restored()) {
            sb.append("  state        ").append(run.origin().kind().equals(ckpt.model.StateOrigin.CACHE)
                    ? "from the warm-state cache: " : "restored from ").append(run.origin().path()).append('\n');
        }
        if (run.verification() != null && run.verification().ran()) {
            sb.append("  verified     ").append(run.verification()).append('\n');
        }
        Table rec = run.recoveries();
        for (int i = 0; rec != null && i < rec.rowCount(); i++) {
            sb.append(String.format(Locale.ROOT, "  recovery     %s from checkpoint %d · restore %s · %s restored%s%n",
                    rec.stringColumn(ckpt.model.RecoveryTable.CAUSE).get(i),
                    rec.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(i),
                    millis(value(rec, ckpt.model.RecoveryTable.RESTORE_MS, i)),
                    bytes(value(rec, ckpt.model.RecoveryTable.RESTORED_BYTES, i)),
                    value(rec, ckpt.model.RecoveryTable.DOWNTIME_MS, i) < 0 ? ""
                            : " · down " + millis(value(rec, ckpt.model.RecoveryTable.DOWNTIME_MS, i))));
        }
        Table sp = run.savepoints();
        for (int i = 0; sp != null && i < sp.rowCount(); i++) {
            sb.append(String.format(Locale.ROOT, "  savepoint    %s · %s · %s in %s files · %s%n",
                    sp.stringColumn(ckpt.model.SavepointTable.FORMAT).get(i),
                    millis(value(sp, ckpt.model.SavepointTable.TRIGGER_MS, i)),
                    bytes(value(sp, ckpt.model.SavepointTable.BYTES, i)),
                    value(sp, ckpt.model.SavepointTable.FILES, i) < 0 ? "?" : value(sp, ckpt.model.SavepointTable.FILES, i),
                    sp.stringColumn(ckpt.model.SavepointTable.STATUS).get(i)));
        }
        DiskUsage d = run.disk();
        if (d.readable()) {
            sb.append(String.format(Locale.ROOT, "  on disk      %s in %d files (shared %s · exclusive %s · taskowned %s)%n",
                    bytes(d.totalBytes()), d.totalFiles(), bytes(d.sharedBytes()), bytes(d.exclusiveBytes()),
                    bytes(d.taskownedBytes())));
            sb.append(String.format(Locale.ROOT, "               referenced %s in %d files · orphaned %s in %d files%s%n",
                    bytes(d.referencedBytes()), d.referencedFiles(), bytes(d.orphanedBytes()), d.orphanedFiles(),
                    d.mostlyOrphaned() ? " — more orphaned than referenced: see orphans(run)" : ""));
        } else {
            sb.append("  on disk      not measured: ").append(d.note()).append('\n');
        }
        for (String note : ckpt.model.ModeNotes.of(e)) {
            sb.append("  note         ").append(note).append('\n');
        }
        String jit = run.environment().get("jit_note"); // the run's JIT caveat, as printed when it ended
        if (jit != null) {
            sb.append("  note         ").append(jit).append('\n');
        }
        sb.append("  checkpoint   ").append(run.checkpointDir()).append('\n');
        return sb.toString();
    }

    private static long value(Table t, String column, int row) {
        return t.longColumn(column).isMissing(row) ? -1 : t.longColumn(column).getLong(row);
    }

    static String bytes(long b) {
        return b < 0 ? "–" : Units.bytes(b);
    }

    static String millis(long ms) {
        return ms < 0 ? "–" : Units.millis(ms);
    }
}
