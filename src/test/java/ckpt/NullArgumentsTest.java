package ckpt;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.model.Mode;
import ckpt.model.Run;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Every public helper of the façade, found by reflection, answers a null argument with one line naming the
 * helper and the argument ({@code show(table): table is null}) — never a NullPointerException from inside. The
 * other arguments are harmless stand-ins: the check comes before any work, so nothing runs.
 */
class NullArgumentsTest {
    private static Object standIn(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == Table.class) {
            return Table.create("t");
        }
        if (type == Experiment.class) {
            return Experiment.defaults();
        }
        if (type == Mode.class) {
            return Mode.FULL;
        }
        if (type == Run.class) {
            return new Run("id", Experiment.defaults(), null, null, null, "", "FINISHED", null, null, null, null,
                    null, 0, 0, null, null, null, null, null, null, null, null, null);
        }
        if (type == ckpt.target.Target.class) {
            return ckpt.target.Embedded.get(); // a handle; nothing starts until a run
        }
        if (type == List.class) {
            return List.of("a");
        }
        if (type.isArray()) {
            Object a = Array.newInstance(type.getComponentType(), 1);
            Array.set(a, 0, standIn(type.getComponentType()));
            return a;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        throw new AssertionError("no stand-in for " + type + ": add one");
    }

    private static String call(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameters()).map(Parameter::getName)
                .collect(Collectors.joining(", ")) + ")";
    }

    private static Throwable invoke(Method m, Object[] args) throws IllegalAccessException {
        try {
            m.invoke(null, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    @Test
    void everyHelperNamesTheNullArgument() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Method m : Ckpt.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Parameter[] ps = m.getParameters();
            for (int i = 0; i < ps.length; i++) {
                if (ps[i].getType().isPrimitive()) {
                    continue;
                }
                Object[] args = new Object[ps.length];
                for (int k = 0; k < ps.length; k++) {
                    args[k] = k == i ? null : standIn(ps[k].getType());
                }
                expect(m, args, call(m) + ": " + ps[i].getName() + " is null", checked, wrong);
                if (ps[i].getType().isArray()) {
                    // a varargs element: report(path, full, null)
                    args[i] = Array.newInstance(ps[i].getType().getComponentType(), 2);
                    Array.set(args[i], 0, standIn(ps[i].getType().getComponentType()));
                    expect(m, args, call(m) + ": " + ps[i].getName() + "[1] is null", checked, wrong);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).contains("show(table): table is null", "chart(table, x, y): y is null",
                "compare(runs): runs[1] is null", "report(path, runs): path is null").hasSizeGreaterThan(40);
    }

    private static void expect(Method m, Object[] args, String message, List<String> checked, List<String> wrong)
            throws IllegalAccessException {
        Throwable t = invoke(m, args);
        if (t instanceof CkptException && t.getMessage().startsWith(message)) {
            checked.add(message);
        } else {
            wrong.add(message + " — got " + t);
        }
    }
}
