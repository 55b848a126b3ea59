package ckpt.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the user's code a job failed, from the stack trace text Flink's REST API keeps in its exception
 * history: the root cause and the first frame that is neither Flink's, the JDK's nor ours — the user's own class,
 * method and line, not Flink's wrapper chain.
 */
final class UserFrames {
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[\\w.$/@-]+//)?([\\w.$]+)\\.([\\w$<>]+)\\(([^)]*)\\)");

    private UserFrames() {
    }

    /** "IllegalStateException: no db, in acme.Lookup.open(Lookup.java:22)", or the cause alone. */
    static String describe(String rootCause, String stackTrace) {
        String frame = firstUserFrame(stackTrace);
        return frame == null ? rootCause : rootCause + ", in " + frame;
    }

    /** The first frame of the deepest cause that belongs to the user, e.g. "acme.Lookup.open(Lookup.java:22)". */
    static String firstUserFrame(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return null;
        }
        // the deepest "Caused by:" holds the user's throw; its frames come right after it
        int from = stackTrace.lastIndexOf("Caused by: ");
        String tail = from < 0 ? stackTrace : stackTrace.substring(from);
        for (String line : tail.split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (m.find() && isUsers(m.group(1))) {
                return m.group(1) + "." + m.group(2) + "(" + m.group(3) + ")";
            }
        }
        return null;
    }

    private static boolean isUsers(String className) {
        return !(className.startsWith("org.apache.flink.") || className.startsWith("java.")
                || className.startsWith("javax.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("ckpt.") || className.startsWith("scala.") || className.startsWith("akka.")
                || className.startsWith("org.apache.pekko."));
    }
}
