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
 * no banner, no prompts; errors are printed and the script goes on; exit 0 at the end of input.
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
            StringBuilder buf = new StringBuilder();
            String line;
            while ((line = readLine(reader)) != null) {
                if (buf.length() == 0 && Shell.isCommand(line.strip())) {
                    inputs.add(line);
                    if (!shell.handle(line)) {
                        return 0;
                    }
                    continue;
                }
                buf.append(line).append('\n');
                if (!shell.session().incomplete(buf.toString())) {
                    String code = buf.toString();
                    buf.setLength(0);
                    inputs.add(code.strip());
                    shell.handle(code);
                    Timing.mark("evaluated", System.nanoTime());
                }
            }
            if (!buf.toString().isBlank()) {
                inputs.add(buf.toString().strip());
                shell.handle(buf.toString());
            }
            return 0;
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
