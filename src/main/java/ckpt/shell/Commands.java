package ckpt.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shell's commands, in one table (as JShellTool's {@code registerCommand} and JLine's {@code Builtins} keep
 * theirs): name, aliases, argument, one-line help, handler, and what completes the argument. Dispatch
 * ({@link Shell}), {@code /help} ({@link Help}) and completion ({@link Completion}) all read this table, so a
 * command exists in all three or in none. Adding a command is one entry here plus its handler in {@link Shell}.
 */
final class Commands {
    /** What a command's argument is, for completion. */
    enum Arg { NONE, FILE, TOPIC }

    /** Runs the command with its argument ("" when none); false means leave the shell. */
    @FunctionalInterface
    interface Handler {
        boolean run(Shell shell, String arg);
    }

    record Command(String name, List<String> aliases, String argument, String help, Handler handler, Arg arg) {
        /** How it is typed: {@code /save FILE}. */
        String usage() {
            return argument.isEmpty() ? name : name + " " + argument;
        }
    }

    static final List<Command> ALL = List.of(
            new Command("/help", List.of(), "[NAME]", "commands and helpers; /help NAME shows one with an example",
                    Shell::help, Arg.TOPIC),
            new Command("/vars", List.of(), "", "variables of this session with their values", Shell::vars, Arg.NONE),
            new Command("/history", List.of(), "", "what you typed, also across sessions (Ctrl-R searches it)",
                    Shell::history, Arg.NONE),
            new Command("/save", List.of(), "FILE", "this session's successful snippets as a notebook", Shell::save,
                    Arg.FILE),
            new Command("/open", List.of(), "FILE", "run a notebook into this session", Shell::open, Arg.FILE),
            new Command("/step", List.of(), "FILE", "run a notebook cell by cell (Enter runs, s skips, q stops)",
                    Shell::step, Arg.FILE),
            new Command("/reset", List.of(), "", "start over with a fresh session (variables and methods are dropped)",
                    Shell::reset, Arg.NONE),
            new Command("/trace", List.of(), "", "the full stack of the last exception", Shell::trace, Arg.NONE),
            new Command("/exit", List.of("/quit"), "", "leave (Ctrl-D does too); the Flink cluster is shut down",
                    (shell, arg) -> false, Arg.NONE));

    private Commands() {
    }

    /** The command with this name or alias. */
    static Optional<Command> find(String name) {
        for (Command c : ALL) {
            if (c.name().equals(name) || c.aliases().contains(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Names and aliases, in table order. */
    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Command c : ALL) {
            out.add(c.name());
            out.addAll(c.aliases());
        }
        return out;
    }
}
