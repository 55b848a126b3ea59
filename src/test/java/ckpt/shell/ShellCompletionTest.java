package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completion against a real session (JShell's own analysis), without a terminal. */
class ShellCompletionTest {
    static Session session;
    static Completion completion;

    @BeforeAll
    static void start() {
        session = new Session(Screen.plain(Router.get()), false);
        completion = new Completion(() -> session);
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static List<String> values(String buffer) {
        return completion.candidates(buffer, buffer.length()).stream().map(Candidate::value)
                .collect(Collectors.toList());
    }

    @Test
    void helpersVariablesAndMethods() {
        assertThat(values("loadC")).contains("loadCsv(");
        assertThat(values("exper")).contains("experiment()");
        assertThat(values("experiment().mo")).contains("mode(");
        assertThat(values("Table.create(\"t\").rowC")).contains("rowCount()");
        session.eval("int myCounter = 3;");
        assertThat(values("myCou")).containsExactly("myCounter");
        assertThat(values("var x = myCou")).containsExactly("myCounter");
        // java.lang.Object's monitor methods are not offered; its other methods are
        assertThat(values("experiment().")).contains("mode(", "equals(").doesNotContain("notify()", "notifyAll()", "wait(");
    }

    @Test
    void filePathsInStringsAndAfterFileCommands() throws Exception {
        Path base = Path.of("target", "shell-completion", "data");
        Files.createDirectories(base.resolve("sub"));
        Files.writeString(base.resolve("transactions.csv"), "a\n");
        Files.writeString(base.resolve("tiny.csv"), "a\n");
        assertThat(values("loadCsv(\"target/shell-completion/data/tr"))
                .containsExactly("target/shell-completion/data/transactions.csv");
        assertThat(values("loadCsv(\"target/shell-completion/data/"))
                .containsExactly("target/shell-completion/data/sub/", "target/shell-completion/data/tiny.csv",
                        "target/shell-completion/data/transactions.csv");
        assertThat(values("/open target/shell-completion/data/ti"))
                .containsExactly("target/shell-completion/data/tiny.csv");
        assertThat(values("/st")).containsExactly("/step");
        assertThat(values("/help loa")).contains("loadCsv");
    }

    @Test
    void wordBoundaries() {
        assertThat(Completion.word("foo(bar", 7).start()).isEqualTo(4);
        assertThat(Completion.word("x.rocksdb(\"write", 16)).isEqualTo(new Completion.Word(Completion.Kind.STRING, 11, "rocksdb"));
        assertThat(Completion.word("\"a\" + b", 7).kind()).isEqualTo(Completion.Kind.CODE);
        assertThat(Completion.word("// \"x", 5).kind()).isEqualTo(Completion.Kind.CODE);
        assertThat(Completion.word("/save no", 8)).isEqualTo(new Completion.Word(Completion.Kind.COMMAND_ARG, 6, "/save"));
    }

    @Test
    void rocksdbOptionsAreNotFilePaths() {
        assertThat(values("experiment().rocksdb(\"sr")).doesNotContain("src/");
    }

    @Test
    void rocksdbOptionKeysInsideRocksdbCall() {
        assertThat(values("experiment().rocksdb(\"writebuffer.s")).contains("writebuffer.size");
        assertThat(values("experiment().rocksdb(\"state.backend.rocksdb.writebuffer.s"))
                .contains("state.backend.rocksdb.writebuffer.size");
    }
}
