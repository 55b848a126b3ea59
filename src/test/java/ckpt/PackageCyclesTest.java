package ckpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies, read from the compiled classes with the JDK's own {@code jdeps}: no cycles, and the
 * measured job's package uses no other package of ours, because a cluster loads it from the job jar alone.
 */
class PackageCyclesTest {

    /** package → the packages of ours it uses, from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(Ckpt.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-e", "^ckpt(\\..*)?$",
                classes.toString());
        assertThat(code).as("jdeps: %s", out).isZero();
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("ckpt") && f[2].startsWith("ckpt")
                    && !f[0].equals(f[2])) {
                deps.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[2]);
            }
        }
        return deps;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws Exception {
        Map<String, Set<String>> deps = dependencies();
        // read for real: the engine uses the values and the targets
        assertThat(deps.getOrDefault("ckpt.engine", Set.of())).contains("ckpt.model", "ckpt.target");
        assertThat(cycles(deps)).as("package cycles in %s", deps).isEmpty();
    }

    @Test
    void theMeasuredJobUsesNoOtherPackageOfOurs() throws Exception {
        assertThat(dependencies().getOrDefault("ckpt.job", Set.of())).isEmpty();
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(g.keySet());
        g.values().forEach(nodes::addAll);
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                connect(n, g, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
