package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A real shell session (the {@link Session} the shell uses: its JShell, its execution engine with the weaver,
 * its hooks into {@code ckpt.usercode}) for tests, with a way to hand a snippet's object to the test.
 */
public final class SnippetSession implements AutoCloseable {
    /** Where {@link #value} has a snippet put the object (the snippets' loader delegates to the test's). */
    public static volatile Object handoff;

    private final Session session;

    public SnippetSession() {
        session = new Session(Screen.plain(Router.get()), false);
    }

    /** Evaluates snippets that must succeed. */
    public void ok(String input) {
        Session.Outcome o = session.eval(input);
        assertThat(o.ok()).as("%s failed: %s", input, o.failure()).isTrue();
    }

    /** Evaluates snippets that must fail; returns the one-line failure the shell showed. */
    public String fails(String input) {
        Session.Outcome o = session.eval(input);
        assertThat(o.ok()).as("%s should fail", input).isFalse();
        return o.failure();
    }

    /** The value of an expression, as the object the snippet holds (not its text). */
    public Object value(String expression) {
        handoff = null;
        ok("ckpt.shell.SnippetSession.handoff = (" + expression + ");");
        Object v = handoff;
        handoff = null;
        return v;
    }

    /** The exception the last failing snippet threw. */
    public Throwable thrown() {
        return session.lastThrown();
    }

    /** The last exception's stack trace as text, as printStackTrace writes it. */
    public String thrownText() {
        StringWriter sw = new StringWriter();
        session.lastThrown().printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    @Override
    public void close() {
        session.close();
    }
}
