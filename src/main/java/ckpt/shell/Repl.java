package ckpt.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** The interactive shell on a terminal: JLine in front (editing, history, completion), the {@link Shell} behind. */
final class Repl {
    static final String PROMPT = "ckpt> ";
    static final String CONTINUATION = "   …> ";

    private Repl() {
    }

    /** Where history lives: -Dckpt.history, else ~/.ckpt-repl/history. */
    static Path historyFile() {
        String p = System.getProperty("ckpt.history");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".ckpt-repl", "history");
    }

    /** Runs until /exit or Ctrl-D; returns the exit code. */
    static int run(Terminal terminal) {
        Router router = Router.get();
        router.target(terminal.output());
        boolean color = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        Screen screen = new Screen(router, true, color, terminal::getWidth);
        LineReader[] holder = new LineReader[1];
        Shell shell = new Shell(screen, prompt -> {
            // answers to /step are not history
            holder[0].variable(LineReader.DISABLE_HISTORY, true);
            try {
                return holder[0].readLine(prompt);
            } catch (UserInterruptException e) {
                return "q";
            } catch (EndOfFileException e) {
                return null;
            } finally {
                holder[0].variable(LineReader.DISABLE_HISTORY, false);
            }
        }, () -> {
            List<String> out = new ArrayList<>();
            for (History.Entry e : holder[0].getHistory()) {
                out.add(e.line());
            }
            return out;
        }, true);
        screen.println(Versions.banner());

        Completion completion = new Completion(shell::session);
        Path history = historyFile();
        try {
            java.nio.file.Files.createDirectories(history.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            screen.note("  history not saved: " + e.getMessage());
        }
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ckpt-repl")
                .parser(completion.parser())
                .completer(completion.completer())
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_SIZE, 10_000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .variable(LineReader.ERRORS, 0)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
        holder[0] = reader;
        terminal.handle(Terminal.Signal.INT, signal -> shell.interrupt());

        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT, rightPrompt(shell, screen), (Character) null, null);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    break;
                }
                if (!shell.handle(line)) {
                    break;
                }
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (Exception e) {
                // history is a convenience
            }
            shell.close();
            terminal.writer().flush();
        }
        return 0;
    }

    /** Where you are: the working folder and the runs so far, dim on the right. */
    private static String rightPrompt(Shell shell, Screen screen) {
        Path cwd = Path.of(System.getProperty("user.dir")).getFileName();
        String where = (cwd == null ? "/" : cwd.toString())
                + (shell.runs() > 0 ? " · " + shell.runs() + " run" + (shell.runs() == 1 ? "" : "s") : "");
        return screen.dim(where);
    }
}
