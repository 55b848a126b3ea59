package ckpt.shell;

import java.util.function.IntSupplier;

/**
 * How the shell writes for the user: plain text, errors, dim notes. On a terminal errors are red and notes dim;
 * piped or replayed output is plain text. Everything goes through the {@link Router}, in order with what the
 * snippets print.
 */
final class Screen {
    private static final String RED = "\033[31m";
    private static final String DIM = "\033[2m";
    private static final String RESET = "\033[0m";

    private final Router router;
    private final boolean terminal;
    private final boolean color;
    private final IntSupplier width;

    Screen(Router router, boolean terminal, boolean color, IntSupplier width) {
        this.router = router;
        this.terminal = terminal;
        this.color = color;
        this.width = width;
    }

    /** Output for pipes and replays: no colour, 120 columns. */
    static Screen plain(Router router) {
        return new Screen(router, false, false, () -> 120);
    }

    Router router() {
        return router;
    }

    boolean terminal() {
        return terminal;
    }

    /** Whether ANSI colour may be used (a capable terminal and no NO_COLOR). */
    boolean color() {
        return color;
    }

    /** Columns available (at least 40). */
    int width() {
        int w = width.getAsInt();
        return w < 40 ? (terminal ? 80 : 120) : w;
    }

    /**
     * The shell's own output (values, tables, messages). Control characters in it are shown, not obeyed
     * ({@link ckpt.text.Visible}): it echoes data — file names, CSV fields, values' text — and only the shell's
     * own colours reach the terminal. (What a snippet prints itself goes to System.out as it is.)
     */
    void println(String text) {
        write(ckpt.text.Visible.text(text) + "\n", true);
    }

    /** A line that is shown but kept out of a replay's captured text (tables and runs the report renders itself). */
    void printlnUncaptured(String text) {
        write(ckpt.text.Visible.text(text) + "\n", false);
    }

    void error(String text) {
        colored(RED, text);
    }

    void note(String text) {
        colored(DIM, text);
    }

    /** A line in red (the caret under a compile error); the text itself made visible like any other. */
    void errorMark(String text) {
        colored(RED, text);
    }

    private void colored(String color, String text) {
        String visible = ckpt.text.Visible.text(text);
        write((this.color ? color + visible + RESET : visible) + "\n", true);
    }

    String dim(String text) {
        return color ? DIM + text + RESET : text;
    }

    private void write(String text, boolean captured) {
        if (captured) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                router.write(bytes, 0, bytes.length);
            } catch (java.io.IOException ignored) {
                // terminal gone
            }
        } else {
            router.uncaptured(text);
        }
    }
}
