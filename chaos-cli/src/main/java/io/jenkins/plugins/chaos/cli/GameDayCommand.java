package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.report.GameDayReportWriter;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.jenkins.plugins.chaos.verdict.VerdictWords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The runbook's four game days on the playground, one after the other, with one combined report. */
@Command(name = "gameday", mixinStandardHelpOptions = true, description = {"Run the runbook's game days on the embedded "
        + "playground, each on a fresh playground, and write one combined report (one section per scenario: verdict, "
        + "the checks that did not pass, the timeline) next to each scenario's own report.",
        "Scenarios: total-outage, half-partition, data-integrity, lateral-movement (see chaos demo --help)."})
final class GameDayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "run only these game days (default: all, in the runbook's order)")
    List<String> only = new ArrayList<>();

    @Option(names = "--broken", paramLabel = "NAME", split = ",",
            description = "run these game days' broken variants instead (they must fail)")
    List<String> broken = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports",
            description = "where reports go: DIR/gameday.html and DIR/<scenario>/ (default: ${DEFAULT-VALUE})")
    String reportDir;

    @Override
    public Integer call() throws Exception {
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : only) {
            if (GameDay.parse(name).isEmpty()) {
                unknown.add(name);
            }
        }
        for (String name : broken) {
            if (GameDay.parse(name).isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            spec.commandLine().getErr().println("chaos: gameday: unknown scenario(s) " + unknown + "; allowed: "
                    + String.join(", ", GameDay.names()));
            return ExitCode.INVALID_INPUT;
        }
        RunListener listener = WriterOutputStream.listener(spec.commandLine().getOut());
        List<GameDay> chosen = new ArrayList<>();
        for (GameDay gameDay : GameDay.values()) {
            if (only.isEmpty() || only.contains(gameDay.cliName())) {
                chosen.add(gameDay);
            }
        }
        Instant started = Instant.now();
        List<GameDayReportWriter.Section> sections = new ArrayList<>();
        for (GameDay gameDay : chosen) {
            boolean brokenVariant = broken.contains(gameDay.cliName());
            listener.info("");
            listener.info("=== Game day " + (sections.size() + 1) + "/" + chosen.size() + ": " + gameDay.cliName()
                    + (brokenVariant ? " (broken variant)" : "") + " ===");
            String dir = Path.of(reportDir, gameDay.cliName()).toString();
            RunResult result = DemoCommand.runGameDay(gameDay, brokenVariant, dir, listener);
            sections.add(new GameDayReportWriter.Section(gameDay.cliName(), brokenVariant ? "broken" : "healthy", result,
                    gameDay.cliName() + "/report.html"));
        }
        Instant finished = Instant.now();
        // Every playground's tokens are random and gone with it; nothing secret reaches the combined report.
        Path report = GameDayReportWriter.write(sections, started, finished, Path.of(reportDir, "gameday.html"),
                new SecretRedactor(List.of()));
        Verdict verdict = GameDayReportWriter.verdict(sections);
        listener.info("");
        listener.info("Game day summary (" + Duration.between(started, finished).toSeconds() + " s wall time):");
        for (GameDayReportWriter.Section section : sections) {
            listener.info(String.format("  %-17s %-8s %-8s %s", section.scenario(), section.variant(),
                    section.result().verdict(), VerdictWords.headline(section.result())));
        }
        listener.info("Combined report: " + report.toAbsolutePath());
        listener.info("Game day verdict: " + verdict + " (exit " + ExitCode.of(verdict) + ")");
        return ExitCode.of(verdict);
    }
}
