package ckpt.model;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.util.TimeUtils;
import tech.tablesaw.api.Table;

/**
 * What sets two runs apart besides their mode: the experiment's settings, named as the builder methods that set
 * them ({@code keys 20,000 (full: 100,000)}), and the target they ran on.
 *
 * <p>A ratio of an INCREMENTAL run over a FULL one answers the seed's question only when nothing else differs; a
 * compare of an S3 run with a local-disk one, or of p=4 with p=1, answers another. The settings are walked over the
 * records that make up {@link Experiment}, so a setting added later is compared without anyone remembering to.
 */
public final class Differences {
    /** Settings that do not change what a run measures, or are what a compare is about. */
    private static final Set<String> IGNORED = Set.of("name", "mode", "skipDiskCheck", "freshState");
    /** Widest value shown; a long path keeps its end. */
    private static final int MAX_VALUE = 32;

    private Differences() {
    }

    /** How {@code run} differs from {@code base}: one entry per setting, "setting value (baseLabel: value)". */
    public static List<String> of(Run run, Run base, String baseLabel) {
        List<String> out = new ArrayList<>();
        walk(run.experiment(), base.experiment(), baseLabel, out);
        String t = cluster(run.target());
        String b = cluster(base.target());
        if (!t.equals(b)) {
            out.add("target " + t + " (" + baseLabel + ": " + b + ")");
        }
        return out;
    }

    /** The target's line without its addresses: another cluster of the same shape and version measures alike. */
    static String cluster(String target) {
        if (target == null) {
            return "?";
        }
        String[] parts = target.split(" · ");
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (!p.startsWith("http://") && !p.startsWith("https://")) {
                kept.add(p.trim());
            }
        }
        return String.join(" · ", kept);
    }

    private static void walk(Record a, Record b, String baseLabel, List<String> out) {
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (IGNORED.contains(c.getName())) {
                continue;
            }
            Object x = get(c, a);
            Object y = get(c, b);
            if (c.getName().equals("restoreFrom")) {
                // two restores each start from their own run's files: what they restore from is the difference
                x = restoreKind((String) x);
                y = restoreKind((String) y);
            }
            if (x instanceof UserJob ux && y instanceof UserJob uy) {
                if (!ux.describe().equals(uy.describe())) {
                    out.add("code " + ux.describe() + " (" + baseLabel + ": " + uy.describe() + ")");
                }
            } else if (x instanceof Record rx && y instanceof Record ry) {
                walk(rx, ry, baseLabel, out);
            } else if (x instanceof java.util.Map<?, ?> mx && y instanceof java.util.Map<?, ?> my) {
                // RocksDB options and Flink keys: each key that differs, by its own name
                java.util.Set<Object> keys = new java.util.LinkedHashSet<>(my.keySet());
                keys.addAll(mx.keySet());
                for (Object k : keys) {
                    if (!Objects.equals(mx.get(k), my.get(k))) {
                        out.add(k + " " + show(mx.get(k)) + " (" + baseLabel + ": " + show(my.get(k)) + ")");
                    }
                }
            } else if (!same(x, y)) {
                out.add(name(c.getName()) + " " + show(x) + " (" + baseLabel + ": " + show(y) + ")");
            }
        }
    }

    /** What a run restored from: a checkpoint, a savepoint, or nothing (a warm-up filled its state). */
    static String restoreKind(String path) {
        if (path == null) {
            return "none";
        }
        return path.matches(".*/chk-\\d+/?(_metadata)?$") ? "a checkpoint"
                : path.contains("savepoint") ? "a savepoint" : "a checkpoint or savepoint";
    }

    private static boolean same(Object x, Object y) {
        if (x instanceof Table tx && y instanceof Table ty) { // a table is compared by what it holds, not identity
            return tx.name().equals(ty.name()) && tx.rowCount() == ty.rowCount();
        }
        return Objects.equals(x, y);
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** The builder method that sets a component, where its name differs. */
    private static String name(String component) {
        return switch (component) {
            case "dir" -> "checkpointDir";
            case "kind" -> "state";
            default -> component;
        };
    }

    private static String show(Object v) {
        String s;
        if (v == null) {
            s = "default";
        } else if (v instanceof Duration d) {
            s = TimeUtils.formatWithHighestUnit(d);
        } else if (v instanceof Long || v instanceof Integer) {
            s = String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        } else if (v instanceof Table t) {
            s = "table " + t.name();
        } else {
            s = v.toString();
        }
        return s.length() <= MAX_VALUE ? s : "…" + s.substring(s.length() - MAX_VALUE + 1);
    }
}
