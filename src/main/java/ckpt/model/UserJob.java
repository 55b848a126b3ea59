package ckpt.model;

import ckpt.job.Pipeline;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * Whose code the run measures: the built-in operator (one ValueState per key), a keyed function written in the
 * notebook, a pipeline written in the notebook, or an existing application jar. The first three read the harness's
 * phased source (warm-up, gate, steady); a jar brings its own sources, so its run has no warm-up and is steady from
 * its first completed checkpoint.
 *
 * @param function  replaces the built-in stateful operator, or null
 * @param pipeline  builds the rest of the job from the harness's input, or null
 * @param jar       an application jar, or null
 * @param mainClass its entry class (null: the jar's Main-Class)
 * @param args      arguments for its main
 * @param label     how the code is named in tables and files (the function's class, the snippet that made it)
 * @param recorded  the kind of a loaded run's code that this session does not have (its function or pipeline
 *                  was an object of the session that ran it, its jar is gone), or null
 */
public record UserJob(KeyedProcessFunction<Long, Tuple2<Long, Double>, ?> function, Pipeline pipeline, String jar,
                      String mainClass, List<String> args, String label, String recorded) {
    public static final String BUILT_IN = "built-in";
    public static final String FUNCTION = "function";
    public static final String PIPELINE = "pipeline";
    public static final String JAR = "jar";

    public static final UserJob NONE = new UserJob(null, null, null, null, List.of(), BUILT_IN, null);

    public UserJob {
        args = List.copyOf(args);
    }

    static UserJob function(KeyedProcessFunction<Long, Tuple2<Long, Double>, ?> f, String label) {
        return new UserJob(f, null, null, null, List.of(), label, null);
    }

    static UserJob pipeline(Pipeline p, String label) {
        return new UserJob(null, p, null, null, List.of(), label, null);
    }

    static UserJob jar(String jar) {
        return new UserJob(null, null, jar, null, List.of(), Path.of(jar).getFileName().toString(), null);
    }

    UserJob withMainClass(String c) {
        return new UserJob(function, pipeline, jar, c, args, label, recorded);
    }

    UserJob withArgs(List<String> a) {
        return new UserJob(function, pipeline, jar, mainClass, a, label, recorded);
    }

    /**
     * The code of a loaded run that this session cannot run: its kind and how experiment.json described it
     * ("function Enricher", "jar app.jar · acme.Job"). Loading a run must not turn it into a run of the built-in
     * operator.
     */
    public static UserJob recorded(String kind, String described) {
        String label = described != null && described.startsWith(kind + " ") ? described.substring(kind.length() + 1)
                : described == null || described.isBlank() ? "?" : described;
        return new UserJob(null, null, null, null, List.of(), label, kind);
    }

    /** "built-in", "function", "pipeline" or "jar". */
    public String kind() {
        return function != null ? FUNCTION : pipeline != null ? PIPELINE : jar != null ? JAR
                : recorded != null ? recorded : BUILT_IN;
    }

    /** False for a loaded run's code this session does not have (see {@link #recorded}): it cannot run. */
    public boolean available() {
        return recorded == null;
    }

    public boolean builtIn() {
        return kind().equals(BUILT_IN);
    }

    /** Whether the job reads the harness's phased source (everything but a jar). */
    public boolean harnessSource() {
        return jar == null && !JAR.equals(recorded);
    }

    /** One line for descriptions and experiment.json: "function Enricher", "jar app.jar · acme.Job --keys 5". */
    public String describe() {
        return switch (kind()) {
            case FUNCTION, PIPELINE -> kind() + " " + label;
            case JAR -> recorded != null ? "jar " + label : "jar " + label + (mainClass != null ? " · " + mainClass : "")
                    + (args.isEmpty() ? "" : " " + String.join(" ", args));
            default -> BUILT_IN;
        };
    }
}
