package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole flow on the embedded playground: no cluster, no Jenkins. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {"Run the whole flow on the embedded playground: Kubernetes API, Chaos Mesh "
        + "simulator, multi-tenant inference gateway with two providers, and local Slack/PagerDuty sinks, all on 127.0.0.1.",
        "",
        "Scenarios of the general demo (provider outage + tenant partition):",
        "  healthy         everything holds",
        "  leaky           one tenant boundary broken (files readable across tenants)",
        "  no-failover     secondary provider disabled: HTML stack traces when the primary is down",
        "  slow            the primary answers every call 2 s late (p95 warnings)",
        "The runbook's game days (add --broken for the variant that must fail):",
        "  total-outage      every provider down: graceful JSON errors, service returns (broken: HTML error page)",
        "  half-partition    50%% of the tenant namespaces partitioned from the gateway: the others keep full "
                + "service (broken: the gateway's shared pool stalls every tenant)",
        "  data-integrity    IOChaos on the tenant store: canary records read back intact (broken: corrupting "
                + "store that returns altered data)",
        "  lateral-movement  tenant tokens replayed on other tenants' endpoints, service accounts checked with "
                + "SubjectAccessReviews (broken: a RoleBinding that grants tenant-alice's account tenant-bob's secrets)"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "healthy",
            description = "healthy, leaky, no-failover, slow, or a game day: total-outage, half-partition, "
                    + "data-integrity, lateral-movement (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--broken", description = "for a game day: run the variant whose boundary is broken (must fail)")
    boolean broken;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports", description = "where reports go (default: ${DEFAULT-VALUE})")
    String reportDir;

    @Override
    public Integer call() throws Exception {
        Optional<GameDay> gameDay = GameDay.parse(scenario);
        if (gameDay.isEmpty() && !Playground.SCENARIOS.contains(scenario)) {
            List<String> allowed = new ArrayList<>(Playground.SCENARIOS);
            allowed.addAll(GameDay.names());
            spec.commandLine().getErr().println("chaos: --scenario: unknown '" + scenario + "'; allowed: "
                    + String.join(", ", allowed));
            return ExitCode.INVALID_INPUT;
        }
        if (broken && gameDay.isEmpty()) {
            spec.commandLine().getErr().println("chaos: --broken: only for a game day (" + String.join(", ", GameDay.names())
                    + "); '" + scenario + "' is itself a variant");
            return ExitCode.INVALID_INPUT;
        }
        RunListener listener = WriterOutputStream.listener(spec.commandLine().getOut());
        if (gameDay.isPresent()) {
            return ExitCode.of(runGameDay(gameDay.get(), broken, reportDir, listener).verdict());
        }
        listener.info("Starting the playground (scenario " + scenario + "): Kubernetes API, Chaos Mesh simulator, "
                + "inference gateway with providers primary and secondary, tenants alice, bob, carol");
        try (Playground playground = Playground.start(scenario)) {
            listener.info("Gateway at " + playground.gatewayUri() + ", Kubernetes API at " + playground.cluster().url());
            RunResult result = PlaygroundExperiment.run(playground, demoExperiment(), "demo/faults.yaml", reportDir, listener);
            return ExitCode.of(result.verdict());
        }
    }

    static RunResult runGameDay(GameDay gameDay, boolean broken, String reportDir, RunListener listener) throws Exception {
        listener.info("Game day " + gameDay.cliName() + (broken ? " (broken: " + gameDay.brokenSummary() + ")" : "")
                + ": " + gameDay.summary());
        try (Playground playground = gameDay.startPlayground(broken)) {
            listener.info("Gateway at " + playground.gatewayUri() + ", Kubernetes API at " + playground.cluster().url()
                    + ", tenants " + String.join(", ", gameDay.tenants()));
            return PlaygroundExperiment.run(playground, gameDay.experimentTemplate(),
                    "demo/gameday/" + gameDay.cliName() + ".yaml", reportDir, listener);
        }
    }

    private static String demoExperiment() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/jenkins/plugins/chaos/demo/faults.yaml")) {
            if (in == null) {
                throw new IOException("demo/faults.yaml is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
