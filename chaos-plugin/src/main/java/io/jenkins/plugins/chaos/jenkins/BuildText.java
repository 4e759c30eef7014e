package io.jenkins.plugins.chaos.jenkins;

/**
 * Text as it may be stored in a build's {@code build.xml}. Jenkins writes that file with XStream's PrettyPrintWriter
 * in XML 1.1 mode (hudson.XmlFile.write, hudson.util.XStream2.getDefaultDriver), which throws on a NUL, on any
 * surrogate (an emoji in a response body included) and on U+FFFE/U+FFFF: the whole build would then fail to save.
 * Evidence quotes what tenants' endpoints returned, so it is cleaned and bounded before it is stored.
 */
final class BuildText {
    static final char REPLACEMENT = '\uFFFD';

    private BuildText() {
    }

    /** The text with every character XStream cannot write replaced (a surrogate pair by one mark), at most {@code max} characters. */
    static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        int i = 0;
        while (i < text.length() && out.length() < max) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(REPLACEMENT);
                i += 2;
                continue;
            }
            boolean control = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
            out.append(control || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' ? REPLACEMENT : c);
            i++;
        }
        if (i < text.length()) {
            out.append(" [").append(text.length() - i).append(" more characters in the report]");
        }
        return out.toString();
    }
}
