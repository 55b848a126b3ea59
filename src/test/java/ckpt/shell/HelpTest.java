package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.Ckpt;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

/** /help covers every helper the façade offers, and the command table drives dispatch, help and completion. */
class HelpTest {

    /** Every public static method and field of ckpt.Ckpt, found by reflection: a new helper without help fails here. */
    static TreeSet<String> helpers() {
        TreeSet<String> names = new TreeSet<>();
        Stream.<Member>concat(Stream.of(Ckpt.class.getDeclaredMethods()), Stream.of(Ckpt.class.getDeclaredFields()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .forEach(m -> names.add(m.getName()));
        return names;
    }

    @Test
    void everyPublicHelperHasHelpWithAnExampleThatUsesIt() {
        TreeSet<String> names = helpers();
        assertThat(names).contains("loadCsv", "run", "compare", "cleanCheckpoints", "p95");
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String doc = Help.of(name);
            if (doc == null) {
                problems.add(name + ": no /help entry (add a \"## " + name + "\" section to help.txt)");
                continue;
            }
            int ex = doc.indexOf("Example:");
            if (ex < 0) {
                problems.add(name + ": no Example");
                continue;
            }
            String example = doc.substring(ex);
            boolean isField = Stream.of(Ckpt.class.getDeclaredFields()).anyMatch(f -> f.getName().equals(name));
            if (!example.contains(isField ? name : name + "(")) {
                problems.add(name + ": the example does not use it");
            }
            if (!doc.lines().findFirst().orElse("").contains(name)) {
                problems.add(name + ": the first line is not its signature");
            }
        }
        assertThat(problems).as("helpers of ckpt.Ckpt without proper /help").isEmpty();
        // and /help lists only helpers that exist
        assertThat(Help.helperNames()).allMatch(names::contains, "a helper of ckpt.Ckpt");
    }

    @Test
    void oneCommandTableDrivesDispatchHelpAndCompletion() {
        String overview = Help.overview();
        Completion completion = new Completion(() -> null);
        List<String> completed = completion.candidates("/", 1).stream().map(Candidate::value).collect(Collectors.toList());
        for (Commands.Command c : Commands.ALL) {
            assertThat(overview).contains(c.usage()).contains(c.help());
            assertThat(Help.of(c.name())).startsWith(c.usage() + " — ");
            assertThat(completed).contains(c.name());
            for (String alias : c.aliases()) {
                assertThat(Commands.find(alias)).contains(c);
            }
        }
        assertThat(Commands.find("/quit").map(Commands.Command::name)).contains("/exit");
        assertThat(completion.candidates("/save target/", 13)).isNotEmpty(); // FILE argument: paths
        assertThat(completion.candidates("/help clean", 11).stream().map(Candidate::value)).containsExactly("cleanCheckpoints");
    }

    @Test
    void quitLeavesAndHelpPrintsAnExample() throws Exception {
        Processes.Result r = Processes.run("/help cleanCheckpoints\n/quit\n1+1\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("cleanCheckpoints(int keep) → Freed", "Example:", "  cleanCheckpoints(1)")
                .doesNotContain("\n2\n");
        r = Processes.run("/nope\n");
        assertThat(r.stdout()).contains("unknown command /nope — commands: /help /vars /history /save /open /step "
                + "/reset /trace /exit /quit");
    }
}
