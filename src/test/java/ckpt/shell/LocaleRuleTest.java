package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import ckpt.model.RunProgress;
import ckpt.report.ProgressLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One rule for numbers: Locale.ROOT everywhere ('.' for decimals, ',' for thousands), whatever the machine's
 * default locale. Checked under a German default (which swaps the two) and by reading the sources.
 */
class LocaleRuleTest {
    private Locale before;

    @BeforeEach
    void german() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void statusLineAndExperimentDescriptionIgnoreTheDefaultLocale() {
        RunProgress warm = new RunProgress("full", "warmup", 1000, 2000, 0, 30_000, 3, 1500, 5L << 20, 3L << 20, "");
        assertThat(ProgressLine.of(warm, 1500)).contains("1,000/2,000 records · 1.50 s")
                .contains("last 1.50 s").contains("state 5.0 MiB");
        assertThat(Experiment.defaults().keys(1_000_000).churn(0.5).toString())
                .contains("1,000,000 keys").contains("churn 0.5");
        Table t = Table.create("t", IntColumn.create("n", new int[2000]));
        t.intColumn("n").setMissing(0);
        assertThat(Display.tableLine(t)).isEqualTo("t · 2,000 rows × 1 column · n: 1 missing");
    }

    /** Every format call and case change in the main sources names its locale: the default differs by machine. */
    @Test
    void everyFormatCallInTheSourcesNamesALocale() throws IOException {
        // and every case change of a string: under a Turkish default, "FAILURE".toLowerCase() has a dotless ı
        Pattern call = Pattern.compile("(String\\.format|\\.printf|\\.formatted|(?<!Character)\\.toLowerCase|(?<!Character)\\.toUpperCase)\\(([^\\n]*)");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = call.matcher(lines.get(i));
                    while (m.find()) {
                        if (!m.group(2).contains("Locale.ROOT")) {
                            offenders.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
