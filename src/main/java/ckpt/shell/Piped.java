package ckpt.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Input that is not a terminal ({@code bin/ckpt-repl < script.jsh}): like jshell, evaluate and print results,
 * no banner, no prompts; errors are printed and the script goes on; exit 0 at the end of input. A snippet's
 * {@code System.exit(n)} ends the script there with status n, through the shell's own clean exit.
 */
final class Piped {
    private Piped() {
    }

    static int run(InputStream in) {
        Router router = Router.get();
        router.target(Router.STDOUT);
        Screen screen = Screen.plain(router);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> inputs = new ArrayList<>();
        Shell shell = new Shell(screen, prompt -> readLine(reader), () -> inputs);
        try {
            Snippets.Gatherer input = new Snippets.Gatherer(shell.session()::incomplete);
            String line;
            while ((line = readLine(reader)) != null) {
                if (input.empty() && Shell.isCommand(line.strip())) {
                    inputs.add(line);
                    if (!shell.handle(line)) {
                        return 0;
                    }
                    continue;
                }
                String code = input.add(line);
                if (code != null) {
                    inputs.add(code.strip());
                    shell.handle(code);
                    Timing.mark("evaluated", System.nanoTime());
                    if (shell.exitAsked() != null) {
                        return shell.exitAsked();
                    }
                }
            }
            if (!input.rest().isBlank()) {
                inputs.add(input.rest().strip());
                shell.handle(input.rest());
            }
            return shell.exitAsked() != null ? shell.exitAsked() : 0;
        } finally {
            shell.close();
            System.out.flush();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
