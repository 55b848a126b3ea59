package ckpt.shell;

/** PLACEHOLDER — the shell room replaces this with the JLine + JShell REPL. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("ckpt-repl: shell not built yet");
    }
}
