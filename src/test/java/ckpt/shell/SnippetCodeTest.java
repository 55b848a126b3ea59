package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.usercode.SnippetClasses;
import ckpt.usercode.SnippetJar;
import ckpt.usercode.UserCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snippet classes on their way to a cluster, through a real shell session (its JShell, its weaving engine, its
 * hooks): the original bytes ship and work in a loader that has only Flink; top-level variables, unserializable
 * fields and the user's lines are named in one line.
 *
 * <p>Snippet numbers in the expected messages count every snippet the session evaluated, one per line of input
 * here (each {@link SnippetSession#value} is one more).
 */
class SnippetCodeTest {
    /** Seven imports: snippets 1–7 of every session below. */
    static final String IMPORTS = String.join("\n",
            "import org.apache.flink.api.java.tuple.Tuple2;",
            "import org.apache.flink.api.common.state.*;",
            "import org.apache.flink.api.common.functions.*;",
            "import org.apache.flink.api.java.functions.KeySelector;",
            "import org.apache.flink.streaming.api.functions.KeyedProcessFunction;",
            "import org.apache.flink.util.Collector;",
            "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;");

    @TempDir
    Path dir;

    @Test
    void aKeyedProcessFunctionWithMapStateShipsAsItsOriginalBytesAndWorksInALoaderWithOnlyFlink() throws Exception {
        try (SnippetSession s = new SnippetSession()) {
            s.ok(IMPORTS);
            s.ok("""
                    class Counter extends KeyedProcessFunction<Long, Tuple2<Long, Double>, String> {
                        private final MapStateDescriptor<String, Long> seen = new MapStateDescriptor<>("seen", String.class, Long.class);
                        private transient MapState<String, Long> state;
                        private final int limit;
                        Counter(int limit) { this.limit = limit; }
                        @Override public void open(OpenContext ctx) { state = getRuntimeContext().getMapState(seen); }
                        @Override public void processElement(Tuple2<Long, Double> v, Context ctx, Collector<String> out) throws Exception {
                            long n = state.contains("n") ? state.get("n") + 1 : 1;
                            state.put("n", n);
                            if (n > limit) out.collect(v.f0 + " over " + limit);
                        }
                        public String describe() { return seen.getName() + " up to " + limit; }
                    }""");
            s.ok("MapFunction<Long, Long> times(int k) { return x -> x * k; }");
            s.ok("long factor = 4;");
            s.ok("MapFunction<Long, Long> byFactor = x -> x * factor;");
            Object counter = s.value("new Counter(7)");
            Object triple = s.value("times(3)");
            Object byFactor = s.value("byFactor");

            UserCode.check(counter, "function");
            UserCode.check(triple, "function");

            Map<String, byte[]> entries = SnippetJar.entries();
            String entry = counter.getClass().getName().replace('.', '/') + ".class";
            assertThat(entry).startsWith("REPL/$JShell$").endsWith("$Counter.class");
            assertThat(entries).containsKey(entry);
            // the shell runs the woven class; the jar holds javac's: no call to the shell's SnippetGuard
            byte[] original = entries.get(entry);
            assertThat(mentions(original, "ckpt/shell/SnippetGuard")).isFalse();
            assertThat(mentions(SnippetWeaver.weave(original), "ckpt/shell/SnippetGuard")).isTrue();

            // What Flink's user-code class loader does: the job jar plus Flink, no project classes at all.
            try (URLClassLoader cluster = clusterLoader(jar(entries))) {
                Object copy = deserialize(serialize(counter), cluster);
                assertThat(copy.getClass().getName()).isEqualTo(counter.getClass().getName());
                assertThat(copy.getClass().getClassLoader()).isSameAs(cluster);
                // a woven class would call SnippetGuard here, which this loader does not have
                assertThat(copy.getClass().getMethod("describe").invoke(copy)).isEqualTo("seen up to 7");

                Object tripleCopy = deserialize(serialize(triple), cluster);
                assertThat(map(tripleCopy, 5L)).isEqualTo(15L);
                // the pitfall for real: the wrapper holding 'factor' is loaded fresh, and JShell never set it there
                assertThat(map(byFactor, 5L)).isEqualTo(20L);
                assertThat(map(deserialize(serialize(byFactor), cluster), 5L)).isEqualTo(0L);
            }
            assertThatThrownBy(() -> UserCode.check(byFactor, "function")).isInstanceOf(CkptException.class)
                    .hasMessage("function (snippet 11, lambda): reads top-level variable 'factor' (snippet 10), "
                            + "which is 0/null on the cluster — pass it as a parameter, e.g. a method "
                            + "makeFunction(long factor) that returns the lambda");
        }
    }

    @Test
    void readingATopLevelVariableIsNamedForLambdasMethodsAndPipelines() throws Exception {
        try (SnippetSession s = new SnippetSession()) {
            s.ok(IMPORTS);
            s.ok("int threshold = 4;"); // 8
            s.ok("KeySelector<Long, Long> bucket = x -> x % threshold;"); // 9
            s.ok("""
                    class Over extends KeyedProcessFunction<Long, Tuple2<Long, Double>, String> {
                        @Override
                        public void processElement(Tuple2<Long, Double> v, Context ctx, Collector<String> out) {
                            if (v.f1 > threshold) {
                                out.collect("over: " + v.f0);
                            }
                        }
                    }"""); // 10
            s.ok("int limit() { return threshold * 2; }"); // 11
            s.ok("MapFunction<Long, Long> capped = x -> Math.min(x, limit());"); // 12
            s.ok("int seen = 0;"); // 13
            s.ok("MapFunction<Long, Long> counting = x -> { seen++; return x; };"); // 14
            s.ok("KeySelector<Long, Long> bucketBy(int t) { return x -> x % t; }"); // 15
            s.ok("record Holder(KeySelector<Long, Long> key) implements java.io.Serializable {}"); // 16

            assertThatThrownBy(() -> UserCode.check(s.value("bucket"), "function"))
                    .hasMessage("function (snippet 9, lambda): reads top-level variable 'threshold' (snippet 8), "
                            + "which is 0/null on the cluster — pass it as a parameter, e.g. a method "
                            + "makeFunction(int threshold) that returns the lambda");
            assertThatThrownBy(() -> UserCode.check(s.value("new Over()"), "function"))
                    .hasMessage("function (snippet 10, class Over): Over.processElement (snippet 10, line 4) reads "
                            + "top-level variable 'threshold' (snippet 8), which is 0/null on the cluster — pass it "
                            + "to the constructor and keep it in a field");
            assertThatThrownBy(() -> UserCode.check(s.value("capped"), "function"))
                    .hasMessageStartingWith("function (snippet 12, lambda): limit (snippet 11, line 1) reads "
                            + "top-level variable 'threshold' (snippet 8)");
            assertThatThrownBy(() -> UserCode.check(s.value("counting"), "function"))
                    .hasMessageStartingWith("function (snippet 14, lambda): writes top-level variable 'seen' "
                            + "(snippet 13), but on the cluster that is another copy the shell never sees");
            // nested: a snippet object holding the lambda is checked down to the lambda
            assertThatThrownBy(() -> UserCode.check(s.value("new Holder(bucket)"), "function"))
                    .hasMessageStartingWith("function (snippet 9, lambda): reads top-level variable 'threshold'");
            // the fix the message suggests passes
            UserCode.check(s.value("bucketBy(threshold)"), "function");
            UserCode.check(s.value("new Holder(bucketBy(threshold))"), "function");

            // A pipeline: what the user's lambdas put into the stream graph (no cluster needed to build it).
            s.ok("var env = StreamExecutionEnvironment.getExecutionEnvironment();"); // 24
            s.ok("env.fromData(1L, 2L, 3L).keyBy(bucketBy(threshold)).map(x -> x + 1).print();"); // 25
            UserCode.check((StreamGraph) s.value("env.getStreamGraph()"), "pipeline");
            s.ok("env.fromData(1L, 2L, 3L).keyBy(bucketBy(threshold)).map(x -> x + threshold).print();"); // 27
            assertThatThrownBy(() -> UserCode.check((StreamGraph) s.value("env.getStreamGraph()"), "pipeline"))
                    .hasMessage("pipeline (snippet 27, lambda): reads top-level variable 'threshold' (snippet 8), "
                            + "which is 0/null on the cluster — pass it as a parameter, e.g. a method "
                            + "makePipeline(int threshold) that returns the lambda");
            s.ok("env.fromData(1L, 2L, 3L).keyBy(bucket).map(x -> x + 1).print();"); // 29
            assertThatThrownBy(() -> UserCode.check((StreamGraph) s.value("env.getStreamGraph()"), "pipeline"))
                    .hasMessageStartingWith("pipeline (snippet 9, lambda): reads top-level variable 'threshold'");

            // what runs in the shell may read it: a constructor, a static factory (the object is built here)
            s.ok("""
                    class Limit extends KeyedProcessFunction<Long, Tuple2<Long, Double>, String> {
                        private final int limit;
                        Limit() { this.limit = threshold; }
                        Limit(int limit) { this.limit = limit; }
                        static Limit fromShell() { return new Limit(threshold + 1); }
                        @Override
                        public void processElement(Tuple2<Long, Double> v, Context ctx, Collector<String> out) {
                            if (v.f1 > limit) out.collect("over");
                        }
                    }"""); // 31
            UserCode.check(s.value("new Limit()"), "function");
            UserCode.check(s.value("Limit.fromShell()"), "function");
            // but a static initializer runs where the class is loaded: on the cluster
            s.ok("class Early implements MapFunction<Long, Long> { static final long T = threshold; public Long map(Long x) { return x + T; } }"); // 34
            assertThatThrownBy(() -> UserCode.check(s.value("new Early()"), "function"))
                    .hasMessageStartingWith("function (snippet 34, class Early): Early's static initializer (snippet 34, "
                            + "line 1) reads top-level variable 'threshold' (snippet 8)");

            // the shell's own helpers (and Tablesaw) are not on a cluster
            s.ok("MapFunction<Long, String> named = x -> tech.tablesaw.api.Table.create(\"t\" + x).name();"); // 36
            assertThatThrownBy(() -> UserCode.check(s.value("named"), "function"))
                    .hasMessage("function (snippet 36, lambda): uses tech.tablesaw.api.Table, which only the shell "
                            + "has, not a cluster — compute what you need before the run and pass the value");
        }
    }

    @Test
    void aFieldThatIsNotSerializableIsNamedPassedDirectlyOrBuiltIntoAPipeline() throws Exception {
        try (SnippetSession s = new SnippetSession()) {
            s.ok(IMPORTS);
            s.ok("""
                    class Enricher extends KeyedProcessFunction<Long, Tuple2<Long, Double>, String> {
                        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                        @Override
                        public void processElement(Tuple2<Long, Double> v, Context ctx, Collector<String> out) {
                            out.collect(v.f0 + " " + client.version());
                        }
                    }"""); // 8
            s.ok("class Helper implements java.io.Serializable { java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient(); }"); // 9
            s.ok("class Outer extends KeyedProcessFunction<Long, Tuple2<Long, Double>, String> { Helper helper = new Helper(); public void processElement(Tuple2<Long, Double> v, Context c, Collector<String> out) {} }"); // 10
            s.ok("MapFunction<Long, Long> withClient(java.net.http.HttpClient c) { return x -> x + c.hashCode() * 0; }"); // 11
            s.ok("class Conn { }"); // 12
            s.ok("class Pooled extends RichMapFunction<Long, Long> { Conn conn = new Conn(); public Long map(Long x) { return x; } }"); // 13
            s.ok("class Maybe extends RichMapFunction<Long, Long> { Optional<String> name = Optional.of(\"x\"); public Long map(Long x) { return x; } }"); // 14

            assertThatThrownBy(() -> UserCode.check(s.value("new Enricher()"), "function"))
                    .isInstanceOf(CkptException.class)
                    .hasMessage("function (snippet 8, class Enricher): field 'client' (java.net.http.HttpClient) is "
                            + "not serializable — mark it transient and create it in open()");
            assertThatThrownBy(() -> UserCode.check(s.value("new Outer()"), "function"))
                    .hasMessage("function (snippet 10, class Outer): field 'helper.client' (java.net.http.HttpClient) "
                            + "is not serializable — mark it transient and create it in open()");
            assertThatThrownBy(() -> UserCode.check(s.value("withClient(java.net.http.HttpClient.newHttpClient())"),
                    "function"))
                    .hasMessage("function (snippet 11, lambda): captures a java.net.http.HttpClient, which is not "
                            + "serializable — create it in open() of a function class instead of capturing it");

            // Built into a pipeline, Flink's ClosureCleaner throws first; explain() turns that into the same line.
            s.ok("var env = StreamExecutionEnvironment.getExecutionEnvironment();"); // 18
            s.fails("env.fromData(Tuple2.of(1L, 1.0)).keyBy(t -> t.f0).process(new Enricher()).print();"); // 19
            // Flink names neither the class nor the field (with an HttpClient its RECURSIVE cleaner even stops at
            // the closed module java.net.http, with an InaccessibleObjectException)
            assertThat(s.thrown().getMessage()).doesNotContain("Enricher").doesNotContain("client");
            assertThat(UserCode.explain(s.thrown(), "pipeline"))
                    .isEqualTo("pipeline (snippet 8, class Enricher): field 'client' (java.net.http.HttpClient) is "
                            + "not serializable — mark it transient and create it in open()");
            s.fails("env.fromData(1L, 2L).map(new Maybe()).print();"); // 20
            assertThat(s.thrown().getClass().getName()).isEqualTo("org.apache.flink.api.common.InvalidProgramException");
            assertThat(UserCode.explain(s.thrown(), "pipeline"))
                    .isEqualTo("pipeline (snippet 14, class Maybe): field 'name' (java.util.Optional) is not "
                            + "serializable — mark it transient and create it in open()");
            s.fails("env.fromData(1L, 2L).map(new Pooled()).print();"); // 21
            assertThat(s.thrown().getClass().getName()).isEqualTo("org.apache.flink.api.common.InvalidProgramException");
            assertThat(UserCode.explain(s.thrown(), "pipeline"))
                    .isEqualTo("pipeline (snippet 13, class Pooled): field 'conn' (class Conn) is not serializable — "
                            + "make Conn implement java.io.Serializable, or mark the field transient and create it in "
                            + "open()");
            s.fails("{\n  var src = env.fromData(1L, 2L);\n  src.map(withClient(java.net.http.HttpClient.newHttpClient())).print();\n}"); // 22
            assertThat(UserCode.explain(s.thrown(), "pipeline"))
                    .isEqualTo("pipeline (snippet 22, line 3): a function given there captures or holds a "
                            + "java.net.http.HttpClient, which is not serializable — create it in open() of a "
                            + "function class instead of capturing it");
            // anything else: the root cause and the user's line
            s.fails("env.fromData(1L, 2L).map(x -> x).setParallelism(-3);"); // 23
            assertThat(UserCode.explain(s.thrown(), "pipeline")).startsWith("IllegalArgumentException: ")
                    .endsWith(" in snippet 23, line 1");
        }
    }

    @Test
    void failuresNameTheSnippetsOwnLineForClassesLambdasAndAnonymousClasses() throws Exception {
        try (SnippetSession s = new SnippetSession()) {
            s.ok("class Boom {\n  int f(int x) {\n    int y = x;\n    return 10 / y;\n  }\n}"); // 1
            s.fails("new Boom().f(0)"); // 2
            String trace = s.thrownText();
            assertThat(trace).contains("\tat REPL.$JShell$"); // the wrapper's lines, not the snippet's
            assertThat(UserCode.frame(trace)).contains("Boom.f (snippet 1, line 4)");
            assertThat(UserCode.failure(trace)).isEqualTo("ArithmeticException: / by zero in Boom.f (snippet 1, line 4)");

            s.ok("java.util.function.IntUnaryOperator g = x -> {\n  int y = x - x;\n  return x / y;\n};"); // 3
            s.fails("g.applyAsInt(3)"); // 4
            assertThat(UserCode.failure(s.thrownText()))
                    .isEqualTo("ArithmeticException: / by zero in lambda (snippet 3, line 3)");

            s.ok("var r = new Runnable() {\n  public void run() {\n    int z = 0;\n    System.out.println(1 / z);\n  }\n};"); // 5
            s.fails("r.run()"); // 6
            assertThat(UserCode.failure(s.thrownText()))
                    .isEqualTo("ArithmeticException: / by zero in run of an anonymous class (snippet 5, line 4)");

            // Flink wraps a task's exception in its own; the deepest cause and the user's frame still come out
            String wrapped = UserCode.failure(text(new org.apache.flink.runtime.JobException("Recovery is suppressed",
                    new RuntimeException("task failed", s.thrown()))));
            assertThat(wrapped).isEqualTo("ArithmeticException: / by zero in run of an anonymous class (snippet 5, line 4)");

            // A snippet that runs its own lambda is described before it runs: a job failing inside it is named.
            s.ok("String trace(java.util.function.IntSupplier f) { try { f.getAsInt(); return \"\"; } catch (RuntimeException e) { var w = new java.io.StringWriter(); e.printStackTrace(new java.io.PrintWriter(w)); return w.toString(); } }"); // 7
            assertThat(s.value("ckpt.usercode.UserCode.failure(trace(() -> {\n  int z = 0;\n  return 1 / z;\n}))")) // 8
                    .isEqualTo("ArithmeticException: / by zero in lambda (snippet 8, line 3)");

            // not the user's code: the root cause only
            assertThat(UserCode.failure(text(new IllegalStateException("outer", new java.io.IOException("disk full")))))
                    .isEqualTo("IOException: disk full");
            assertThat(UserCode.frame(text(new IllegalStateException("x")))).isEmpty();
        }
    }

    @Test
    void aReplacedClassShipsItsNewDefinitionAndAResetForgetsTheOldSession() throws Exception {
        Object second;
        try (SnippetSession s = new SnippetSession()) {
            s.ok(IMPORTS);
            s.ok("class Fn implements MapFunction<Long, Long> { public Long map(Long x) { return x + 1; } }");
            s.ok("MapFunction<Long, Long> viaFn() { return new Fn(); }");
            Object first = s.value("viaFn()");
            s.ok("class Fn implements MapFunction<Long, Long> { public Long map(Long x) { return x + 2; } }");
            second = s.value("viaFn()"); // JShell recompiled viaFn against the new Fn
            assertThat(second.getClass()).isNotSameAs(first.getClass());
            assertThat(map(second, 1L)).isEqualTo(3L);
            Map<String, byte[]> entries = SnippetJar.entries();
            assertThat(entries).containsKey(second.getClass().getName().replace('.', '/') + ".class")
                    .containsKey(first.getClass().getName().replace('.', '/') + ".class"); // stale, harmless
            try (URLClassLoader cluster = clusterLoader(jar(entries))) {
                assertThat(map(deserialize(serialize(second), cluster), 1L)).isEqualTo(3L);
                assertThat(map(deserialize(serialize(first), cluster), 1L)).isEqualTo(2L);
            }
            UserCode.check(first, "function");
            UserCode.check(second, "function");
        }
        try (SnippetSession fresh = new SnippetSession()) { // what /reset and an engine restart do
            assertThat(SnippetClasses.all()).isEmpty();
            fresh.ok(IMPORTS);
            assertThatThrownBy(() -> UserCode.check(second, "function"))
                    .hasMessage("function (class Fn): defined before the last /reset or snippet-engine restart, so "
                            + "it cannot be shipped — evaluate its snippet again");
            fresh.ok("class Fn implements MapFunction<Long, Long> { public Long map(Long x) { return x + 3; } }");
            UserCode.check(fresh.value("new Fn()"), "function");
            // same class name as in the old session, but not the same class: still not shippable
            assertThatThrownBy(() -> UserCode.check(second, "function")).hasMessageContaining("/reset");
        }
    }

    // --- helpers ---

    private static String text(Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        return sw.toString();
    }

    private static boolean mentions(byte[] classFile, String text) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(text);
    }

    private Path jar(Map<String, byte[]> entries) throws IOException {
        Path jar = Files.createTempFile(dir, "snippets", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The jar plus the dependencies (Flink and the rest), without the project's classes: a cluster's view. */
    private static URLClassLoader clusterLoader(Path jar) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        String deps = Files.readString(Path.of("target", "classpath.txt")).strip();
        for (String p : deps.split(File.pathSeparator)) {
            urls.add(Path.of(p).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** As Flink's InstantiationUtil does it: classes resolved in the user-code class loader. */
    private static Object deserialize(byte[] bytes, ClassLoader loader) throws Exception {
        try (InputStream in = new ByteArrayInputStream(bytes);
             ObjectInputStream oin = new ObjectInputStream(in) {
                 @Override
                 protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                     return Class.forName(desc.getName(), false, loader);
                 }
             }) {
            return oin.readObject();
        }
    }

    /** Calls map(x) on a MapFunction of whichever loader, by reflection. */
    private static Object map(Object fn, Object x) throws Exception {
        for (Class<?> k = fn.getClass(); k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals("org.apache.flink.api.common.functions.MapFunction")) {
                    Method m = i.getMethod("map", Object.class);
                    m.setAccessible(true);
                    return m.invoke(fn, x);
                }
            }
        }
        throw new AssertionError("not a MapFunction: " + fn.getClass());
    }
}
