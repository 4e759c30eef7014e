package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The game-day pipeline runs the runbook's four scenarios by name: every {@code chaos/NAME.yaml} it names is shipped
 * under {@code examples/chaos/} and validates, and every game day of {@code chaos demo} has one.
 */
class GameDayExamplesTest {

    /** Tests run in chaos-cli/; the examples are in the project root. */
    private static final Path ROOT = Path.of("..");

    @Test
    void everyExperimentThePipelineNamesExistsAndValidates() throws IOException {
        String pipeline = Files.readString(ROOT.resolve("examples/pipelines/game-day.Jenkinsfile"));
        Set<String> named = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("chaos/([a-z-]+)\\.yaml").matcher(pipeline);
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        Matcher cli = Pattern.compile("cliScenario\\('([a-z-]+)'").matcher(pipeline);
        while (cli.find()) {
            named.add(cli.group(1));
        }
        assertTrue(named.containsAll(GameDay.names()), "the pipeline runs " + named + ", not every game day " + GameDay.names());
        for (String name : named) {
            Path file = ROOT.resolve("examples/chaos/" + name + ".yaml");
            assertTrue(Files.isRegularFile(file), "the pipeline names chaos/" + name + ".yaml but " + file + " is missing");
            CliRun run = cli("validate", file.toString());
            // the tenants' tokens are env: references that only the job's environment has: validate names them as
            // unset here, and the pipeline must bind every one of them (withCredentials) around validate and run
            List<String> problems = run.out().lines().filter(line -> line.startsWith("  - ")).toList();
            for (String problem : problems) {
                Matcher unset = Pattern.compile("environment variable (\\w+) is not set").matcher(problem);
                assertTrue(unset.find(), () -> "chaos/" + name + ".yaml: " + run);
                assertTrue(pipeline.contains("variable: '" + unset.group(1) + "'"),
                        "the pipeline does not bind " + unset.group(1) + ", which chaos/" + name + ".yaml needs");
            }
            assertEquals(problems.isEmpty() ? 0 : 2, run.exit(), run::toString);
        }
        for (String stage : List.of("Pre-game check", "steady-state", "Post-game summary", "/-/ready", "kubectl get crd")) {
            assertTrue(pipeline.contains(stage), stage);
        }
    }
}
