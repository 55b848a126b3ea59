package ckpt.report;

/**
 * Text meant to be read, not a Java string: the shell prints it as is (wrapped to the screen) instead of as a
 * quoted literal full of {@code \n}. {@link #toString()} is the text, so it prints and concatenates naturally.
 */
public record Text(String text) {
    public Text {
        text = text == null ? "" : text.stripTrailing();
    }

    /** The text with lines longer than {@code width} wrapped at spaces, continuation lines indented like the first. */
    public String wrapped(int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String pad = " ".repeat(Math.min(indent + 2, Math.max(0, width / 2)));
            java.util.List<String> parts = TableText.wrap(line.substring(indent), Math.max(20, width - indent - 3));
            for (int i = 0; i < parts.size(); i++) {
                sb.append(i == 0 ? " ".repeat(indent) : pad).append(parts.get(i)).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return text;
    }
}
