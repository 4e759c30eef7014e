package io.jenkins.plugins.chaos.report;

/**
 * Makes arbitrary text legal XML 1.0 character data. Escaping {@code <} and {@code &} is the StAX writer's job;
 * what no escaping can fix are the characters XML 1.0 forbids outright (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF): a single one makes the whole report unreadable to the Jenkins junit plugin. They are replaced
 * by a visible {@code \}{@code uXXXX} so that the evidence still shows what the server sent.
 */
final class XmlText {

    private XmlText() {
    }

    static String legal(String text) {
        if (text == null) {
            return "";
        }
        int firstBad = firstIllegal(text);
        if (firstBad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, firstBad);
        for (int i = firstBad; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (isLegalSingle(c)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstIllegal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (!isLegalSingle(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A char that is legal on its own (surrogates are legal only as a pair, handled by the callers). */
    private static boolean isLegalSingle(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
    }
}
