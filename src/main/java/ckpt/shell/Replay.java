package ckpt.shell;

import ckpt.flink.Run;
import ckpt.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import tech.tablesaw.api.Table;

/**
 * {@code --replay FILE [--param name=value …] [--report OUT.html]}: runs a notebook without a terminal, printing
 * {@code [i/n] title} and each cell's output; stops at the first failing cell and names it. With --report, every
 * cell's source, printed text, result and captured charts go into one HTML file.
 */
final class Replay {
    private Replay() {
    }

    static int run(Path file, Map<String, String> params, String reportPath) {
        Router router = Router.get();
        router.target(Router.STDOUT);
        Screen screen = Screen.plain(router);
        Notebook nb;
        try {
            nb = Notebook.read(file);
        } catch (IOException e) {
            Router.STDERR.println("ckpt-repl: " + e.getMessage());
            return 2;
        }
        List<String> warnings = new ArrayList<>();
        nb = nb.withParameters(params, warnings);
        for (String w : warnings) {
            Router.STDERR.println("ckpt-repl: warning: " + w);
        }
        HtmlReport report = reportPath == null ? null : HtmlReport.create(nb.name());
        Shell shell = new Shell(screen, prompt -> null, List::of);
        try {
            if (report != null) {
                shell.session().reportMode(true);
            }
            int n = nb.cells().size();
            for (int i = 0; i < n; i++) {
                Notebook.Cell cell = nb.cells().get(i);
                screen.printlnUncaptured("[" + (i + 1) + "/" + n + "] " + cell.title());
                if (report != null) {
                    router.startCapture();
                }
                Session.Outcome o = shell.evaluate(cell.source());
                if (report != null) {
                    addCell(report, cell, router.stopCapture(), o, shell.session().drainCaptured());
                }
                if (!o.ok()) {
                    Router.STDERR.println("cell " + (i + 1) + " \"" + cell.title() + "\" failed: " + o.failure());
                    writeReport(report, reportPath);
                    return 1;
                }
            }
            return writeReport(report, reportPath) ? 0 : 1;
        } finally {
            shell.close();
        }
    }

    private static void addCell(HtmlReport report, Notebook.Cell cell, String text, Session.Outcome o,
                                List<Object> artifacts) {
        report.heading(cell.title());
        report.code(cell.source());
        if (!text.isBlank()) {
            report.output(text.stripTrailing());
        }
        Set<Object> shown = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object v : o.values()) {
            if (v instanceof Table || v instanceof Run) {
                report.value(v);
                shown.add(v);
            }
        }
        for (Object a : artifacts) {
            if (!shown.contains(a)) {
                report.value(a);
                shown.add(a);
            }
        }
    }

    private static boolean writeReport(HtmlReport report, String path) {
        if (report == null) {
            return true;
        }
        try {
            Path written = report.write(path);
            Router.STDOUT.println("wrote " + (written != null ? written : path));
            return true;
        } catch (RuntimeException e) {
            Router.STDERR.println("ckpt-repl: could not write the report " + path + ": " + e.getMessage());
            return false;
        }
    }
}
