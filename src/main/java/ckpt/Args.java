package ckpt;

import ckpt.error.CkptException;

/**
 * Argument checks for the façade: a null argument fails on the line that passed it, in one line naming the
 * helper and the argument ({@code show(table): table is null}), not as a NullPointerException from deep inside
 * a room. The common path: {@code var t = loadCsv("bad.csv")} fails, {@code t} stays null, {@code show(t)}.
 */
final class Args {
    private Args() {
    }

    /**
     * @param call  the helper as the user writes it, e.g. {@code "chart(table, x, y)"}
     * @param pairs argument name, value, name, value…; an array value (varargs) is checked element by element
     */
    static void need(String call, Object... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            if (value == null) {
                throw new CkptException(call + ": " + name + " is null" + hint(name));
            }
            if (value instanceof java.util.Collection<?> list) {
                value = list.toArray();
            }
            if (value instanceof Object[] array) {
                for (int k = 0; k < array.length; k++) {
                    if (array[k] == null) {
                        throw new CkptException(call + ": " + name + "[" + k + "] is null" + hint(name));
                    }
                }
            }
        }
    }

    /** What usually makes a table or run null: an earlier line that failed and left its variable unset. */
    private static String hint(String name) {
        return switch (name) {
            case "table", "checkpoints" -> " (did the line that should have made it fail?)";
            case "run", "runs" -> " (did its run(...) fail? lastRun() has the latest run)";
            default -> "";
        };
    }
}
