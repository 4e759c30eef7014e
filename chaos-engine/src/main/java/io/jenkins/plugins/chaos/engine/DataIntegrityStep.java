package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.DataIntegritySpec;
import io.jenkins.plugins.chaos.plan.DataIntegrityConfig;
import io.jenkins.plugins.chaos.probe.integrity.DataIntegrityProbe;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The data-integrity probe across a run: canaries written before the faults, read while they are active and after
 * they are gone, and deleted in the runner's {@code finally} whatever happened in between.
 */
final class DataIntegrityStep implements AutoCloseable {

    private final DataIntegrityProbe probe;
    private final DataIntegrityConfig config;
    private final List<CheckResult> checks = new ArrayList<>();
    private boolean written;

    DataIntegrityStep(DataIntegritySpec spec, RunListener console, UnaryOperator<String> secrets) {
        this.config = DataIntegrityConfig.of(spec, secrets);
        this.probe = new DataIntegrityProbe(config, console);
    }

    void before(String runId) {
        checks.addAll(probe.writeCanaries(runId));
        written = true;
    }

    void during() {
        if (written) {
            checks.addAll(probe.verify("during", true, config.readsDuringFault()));
        }
    }

    void after() {
        if (written) {
            checks.addAll(probe.verify("after", false, 1));
        }
    }

    List<CheckResult> checks() {
        return checks;
    }

    /** Deletes the canaries; the deletion's own check joins the run's. */
    @Override
    public void close() {
        if (written) {
            checks.add(probe.deleteCanaries());
            written = false;
        }
        probe.close();
    }
}
