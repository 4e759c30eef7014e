package io.jenkins.plugins.chaos.jenkins;

import java.util.ArrayList;
import java.util.List;

/**
 * The probe steps empty their report directory before each run, so it must be a sub-directory of the workspace:
 * {@code reportDir: '.'}, {@code ''}-like paths, {@code ..} and absolute paths would delete the workspace (or more).
 */
final class ReportDirectory {
    static final String ALLOWED = "a relative sub-directory of the workspace such as 'chaos-reports/isolation'"
            + " (it is emptied before every run): not '.', not absolute, no '..'";

    private ReportDirectory() {
    }

    /** The directory in normal form ({@code a/b}); IllegalArgumentException naming the field when it is not allowed. */
    static String check(String reportDir) {
        String text = reportDir.trim().replace('\\', '/');
        if (text.startsWith("/") || text.startsWith("~") || text.matches("^[A-Za-z]:.*")) {
            throw refused(reportDir);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : text.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.contains("$")) {
                throw refused(reportDir);
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw refused(reportDir);
        }
        return String.join("/", segments);
    }

    /** Whether {@code child} (an agent path, after resolving) lies strictly inside {@code workspace}. */
    static boolean strictlyInside(String workspace, String child) {
        String root = workspace.replace('\\', '/');
        String path = child.replace('\\', '/');
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.startsWith(prefix) && path.length() > prefix.length();
    }

    private static IllegalArgumentException refused(String reportDir) {
        return new IllegalArgumentException("reportDir: '" + reportDir + "' is not allowed; use " + ALLOWED);
    }
}
