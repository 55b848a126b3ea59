package ckpt.engine;

import ckpt.error.CkptException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A user's application jar turned into a job graph the way {@code flink run} does it: its main method runs here,
 * against an environment that records the pipeline instead of executing it, under the experiment's configuration
 * (mode, interval, checkpoint folder, RocksDB options). The jar and its bundled libraries travel with the job, so
 * it runs the same on every target. What main prints is kept out of the terminal (Flink captures it and puts it
 * into its error message, which is shortened to one line here).
 */
final class AppProgram {
    /** The recorded pipeline, its job graph (with the jars attached) and the keyed vertices found in it. */
    record Built(StreamGraph streams, JobGraph job) {
    }

    private AppProgram() {
    }

    static Built build(String jar, String mainClass, List<String> args, Configuration conf, int parallelism) {
        Path file = Path.of(jar);
        if (!Files.isRegularFile(file)) {
            throw new CkptException("jar(\"" + jar + "\"): no such file");
        }
        String who = (mainClass == null ? "the jar's Main-Class" : mainClass) + " (" + file.getFileName() + ")";
        PackagedProgram program;
        try {
            program = PackagedProgram.newBuilder().setJarFile(file.toFile()).setEntryPointClassName(mainClass)
                    .setArguments(args.toArray(String[]::new)).setConfiguration(conf).build();
        } catch (ProgramInvocationException e) {
            throw new CkptException(who + ": " + firstLine(e.getMessage()));
        }
        try {
            Pipeline p = PackagedProgramUtils.getPipelineFromProgram(program, conf, parallelism, true);
            if (!(p instanceof StreamGraph g)) {
                throw new CkptException(who + ": built a " + p.getClass().getSimpleName()
                        + ", not a DataStream job");
            }
            JobGraph job = g.getJobGraph(program.getUserCodeClassLoader(), new JobID());
            for (URL u : program.getJobJarAndDependencies()) {
                job.addJar(new org.apache.flink.core.fs.Path(u.toURI()));
            }
            job.setClasspaths(program.getClasspaths());
            return new Built(g, job);
        } catch (ProgramInvocationException e) {
            throw new CkptException(who + ": " + explain(e));
        } catch (CkptException e) {
            throw e;
        } catch (Exception e) {
            throw new CkptException(who + ": " + explain(e));
        } finally {
            program.close();
        }
    }

    /** Flink's long messages (they append the program's output) in one line: what went wrong, in the user's terms. */
    private static String explain(Exception e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.contains("doesn't call `env.execute()`") || msg.contains("aborted pre-maturely")) {
            return "main returned without calling execute() — there is no Flink job to run";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            return "main failed: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
        }
        return firstLine(msg);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
