package io.jenkins.plugins.chaos.report;

/** Escaping for text that goes into HTML or SVG, element content and quoted attributes alike. */
final class Html {

    private Html() {
    }

    static String escape(String raw) {
        String text = XmlText.legal(raw);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 32).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
