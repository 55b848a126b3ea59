package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shell as a process: each problem with snippet code is one line naming the snippet, and the shell goes on. */
class UserCodeProcessTest {
    @Test
    void eachProblemIsOneLineAndTheShellGoesOn() throws Exception {
        String script = String.join("\n",
                "import org.apache.flink.api.java.functions.KeySelector;", // 1
                "int threshold = 3;", // 2
                "KeySelector<Long, Long> ks = x -> x % threshold;", // 3
                "ckpt.usercode.UserCode.check(ks, \"function\")", // 4
                "class Enricher extends org.apache.flink.api.common.functions.RichMapFunction<Long, Long> {",
                "  java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();",
                "  public Long map(Long x) { return x; }",
                "}", // 5
                "ckpt.usercode.UserCode.check(new Enricher(), \"function\")", // 6
                "class Boom {",
                "  int f(int x) {",
                "    return 10 / x;",
                "  }",
                "}", // 7
                "new Boom().f(0)", // 8
                "System.out.println(\"still here\")", // 9
                "");
        Processes.Result r = Processes.run(script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsSubsequence(
                "function (snippet 3, lambda): reads top-level variable 'threshold' (snippet 2), which is 0/null on "
                        + "the cluster — pass it as a parameter, e.g. a method makeFunction(int threshold) that "
                        + "returns the lambda\n",
                "function (snippet 5, class Enricher): field 'client' (java.net.http.HttpClient) is not "
                        + "serializable — mark it transient and create it in open()\n",
                "ArithmeticException: / by zero",
                "at Boom.f (snippet 7, line 3) · /trace for the full stack",
                "still here");
        // one line each: no stack trace, no CkptException class name
        assertThat(r.stdout()).doesNotContain("CkptException").doesNotContain("\tat ");
    }
}
