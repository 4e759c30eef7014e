package io.jenkins.plugins.chaos.report;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one run's reports were written.
 *
 * @param junitDir the directory holding one {@code TEST-chaos.<probe>.xml} per probe
 * @param journal  {@code journal.json}
 * @param html     {@code report.html}
 */
public record ReportFiles(Path junitDir, Path journal, Path html) implements Serializable {

    public ReportFiles {
        Objects.requireNonNull(junitDir, "junitDir");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(html, "html");
    }
}
