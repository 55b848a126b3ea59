package ckpt.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTest {
    @Test
    void controlCharactersAreShownNotObeyed() {
        assertThat(Visible.line("\u001b]0;pwned\u0007\u001b[2J")).isEqualTo("\\x1b]0;pwned\\x07\\x1b[2J");
        assertThat(Visible.line("\u001b[31mRED")).isEqualTo("\\x1b[31mRED");
        assertThat(Visible.line("a\tb\r\nc\u007f\u009b")).isEqualTo("a\\tb\\r\\nc\\x7f\\x9b");
        assertThat(Visible.text("a\nb\u001b\tc\rd")).isEqualTo("a\nb\\x1b\tc\\rd"); // layout kept, \r shown
        // text that reads in another order than it is stored (bidi override), and a lone surrogate
        assertThat(Visible.line("abc\u202edcba")).isEqualTo("abc\\u202edcba");
        assertThat(Visible.line("x\ud800y")).isEqualTo("x\\ud800y");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String s = "full · 1,000 keys × 256 B — p50 1.50 s 😀 \\x1b";
        assertThat(Visible.line(s)).isSameAs(s);
        assertThat(Visible.text("two\nlines")).isEqualTo("two\nlines");
        assertThat(Visible.line(null)).isEqualTo("null");
    }
}
