package ckpt.rocksdb;

import java.util.EnumSet;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

/**
 * Renders Flink's structured option {@link Description} as one line of plain text: no HTML tags, code spans as
 * plain words, links as "text (url)", line breaks and list items as spaces / "; ". Flink's own
 * {@link Formatter} walks the description; this subclass only decides how each element is written.
 */
final class PlainText extends Formatter {

    static String of(Description description) {
        if (description == null) {
            return "";
        }
        String text = new PlainText().format(description);
        return text.replaceAll("\\s+", " ").trim();
    }

    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
        if (description == null || description.isBlank() || description.equals(link)) {
            state.append(link);
        } else {
            state.append(description).append(" (").append(link).append(')');
        }
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
        state.append(' ');
    }

    @Override
    protected void formatText(StringBuilder state, String format, String[] elements,
                              EnumSet<TextElement.TextStyle> styles) {
        // Same contract as Flink's HtmlFormatter: the format holds %s placeholders for the inline elements and
        // literal percent signs already escaped as %%.
        state.append(String.format(java.util.Locale.ROOT, format, (Object[]) elements));
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
        state.append(' ').append(String.join("; ", entries)).append(' ');
    }

    @Override
    protected Formatter newInstance() {
        return new PlainText();
    }
}
