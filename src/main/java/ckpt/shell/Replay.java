package ckpt.shell;

import ckpt.model.Run;
import ckpt.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * {@code --replay FILE [--param name=value …] [--report OUT.html] [--ipynb OUT.ipynb]}: runs a notebook without a
 * terminal, printing {@code [i/n] title} and each cell's output; stops at the first failing cell and names it.
 * Each cell's source, printed text, results and captured charts are kept, and written at the end (also after a
 * failing cell) as one HTML report and/or one Jupyter notebook.
 */
final class Replay {
    private Replay() {
    }

    static int run(Path file, Map<String, String> params, String reportPath) {
        return run(file, params, reportPath, null);
    }

    static int run(Path file, Map<String, String> params, String reportPath, String ipynbPath) {
        Notebook nb;
        try {
            nb = prepare(file, params);
        } catch (IOException | IllegalArgumentException e) {
            Router.STDERR.println("ckpt-repl: " + e.getMessage());
            return 2;
        }
        return run(nb, reportPath, ipynbPath);
    }

    /**
     * The notebook read and its parameters injected and checked: every problem (no such file, not text, an
     * unknown parameter, a value not of the declared type) is found here, before a target starts or a cell runs.
     */
    static Notebook prepare(Path file, Map<String, String> params) throws IOException {
        return Notebook.read(file).withParameters(params, new ArrayList<>());
    }

    static int run(Notebook nb, String reportPath, String ipynbPath) {
        Router router = Router.get();
        router.target(Router.STDOUT);
        Screen screen = Screen.plain(router);
        boolean keep = reportPath != null || ipynbPath != null;
        List<Ipynb.Cell> executed = new ArrayList<>();
        Shell shell = new Shell(screen, prompt -> null, List::of);
        int code = 0;
        try {
            if (keep) {
                shell.session().reportMode(true);
            }
            int n = nb.cells().size();
            for (int i = 0; i < n; i++) {
                Notebook.Cell cell = nb.cells().get(i);
                screen.printlnUncaptured("[" + (i + 1) + "/" + n + "] " + cell.title());
                if (keep) {
                    router.startCapture();
                }
                Session.Outcome o = shell.evaluate(cell.source());
                if (keep) {
                    executed.add(new Ipynb.Cell(cell, true, router.stopCapture().stripTrailing(),
                            shown(o, shell.session().drainCaptured()), o.ok() ? null : o.failure()));
                }
                if (!o.ok()) {
                    Router.STDERR.println("cell " + (i + 1) + " \"" + cell.title() + "\" failed: " + o.failure());
                    code = 1;
                    nb.cells().subList(i + 1, n).forEach(c -> executed.add(Ipynb.Cell.notRun(c)));
                    break;
                }
            }
        } finally {
            shell.close();
        }
        boolean written = writeReport(executed, nb.name(), reportPath) & writeIpynb(executed, ipynbPath);
        return code != 0 ? code : written ? 0 : 1;
    }

    /** A cell's results (Tables, Runs) then what helpers captured (charts, shown tables), each once, in order. */
    private static List<Object> shown(Session.Outcome o, List<Object> artifacts) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> out = new ArrayList<>();
        for (Object v : o.values()) {
            if ((v instanceof Table || v instanceof Run) && seen.add(v)) {
                out.add(v);
            }
        }
        for (Object a : artifacts) {
            if (seen.add(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean writeReport(List<Ipynb.Cell> cells, String title, String path) {
        if (path == null) {
            return true;
        }
        HtmlReport report = HtmlReport.create(title);
        for (Ipynb.Cell c : cells) {
            if (!c.ran()) {
                continue;
            }
            report.heading(c.source().title());
            report.code(c.source().source());
            if (!c.text().isBlank()) {
                report.output(c.text());
            }
            c.values().forEach(report::value);
        }
        try {
            Router.STDOUT.println("wrote " + report.write(path));
            return true;
        } catch (RuntimeException e) {
            Router.STDERR.println("ckpt-repl: " + (e instanceof ckpt.error.CkptException ? e.getMessage()
                    : "could not write the report " + path + ": " + e.getMessage()));
            return false;
        }
    }

    private static boolean writeIpynb(List<Ipynb.Cell> cells, String path) {
        if (path == null) {
            return true;
        }
        try {
            Router.STDOUT.println("wrote " + Ipynb.write(cells, Path.of(path)));
            return true;
        } catch (IOException | RuntimeException e) {
            Router.STDERR.println("ckpt-repl: " + (e instanceof IOException io ? ckpt.io.AtomicFile.failure(path, io)
                    : "could not write the notebook " + path + ": " + e.getMessage()));
            return false;
        }
    }
}
