package io.jenkins.plugins.chaos.probe.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.experiment.DataIntegritySpec;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import io.jenkins.plugins.chaos.plan.DataIntegrityConfig;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.playground.gateway.StoreVolumeFaults;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Canary records through the playground gateway's record API, with IOChaos acting on the store's volumes. */
class DataIntegrityProbeTest {

    private static final StoreVolumeFaults.IoFault MISTAKE = new StoreVolumeFaults.IoFault("mistake", Duration.ZERO, 0,
            100, List.of("read"), "random", 1, 4);
    private static final StoreVolumeFaults.IoFault EIO = new StoreVolumeFaults.IoFault("fault", Duration.ZERO, 5, 100,
            List.of(), null, 0, 0);

    private PlaygroundGateway gateway;
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void canariesNeverRemain() {
        int left = gateway.store().total();
        gateway.close();
        assertEquals(0, left, "canary records left in the store");
        for (String token : List.of("alice", "bob")) {
            listener.lines().forEach(line -> assertFalse(line.contains(gateway.tenants().token(token)), line));
        }
    }

    @Test
    void aHealthyGatewayRefusesCorruptedReadsAndServesIntactOnesAfter() {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        List<CheckResult> checks = run(MISTAKE);
        assertTrue(checks.stream().allMatch(c -> c.verdict() == Verdict.PASSED), checks.toString());
        CheckResult during = check(checks, "alice canaries intact [during]");
        assertTrue(during.summary().contains("refused gracefully"), during.summary());
        assertEquals(Verdict.PASSED, check(checks, "bob cannot read alice's canaries [during]").verdict());
        assertEquals(Verdict.PASSED, check(checks, "canaries deleted").verdict());
    }

    @Test
    void aCorruptingGatewayIsCriticalWithTheRecordAndBothDigests() {
        gateway = PlaygroundGateway.start(GatewayScenario.CORRUPTING, List.of("alice", "bob"));
        List<CheckResult> checks = run(MISTAKE);
        CheckResult during = check(checks, "alice canaries intact [during]");
        assertEquals(Verdict.CRITICAL, during.verdict(), during.summary());
        assertTrue(during.evidence().stream().anyMatch(e -> e.matches(
                "record chaos-canary-t1-\\d of alice: expected sha256 [0-9a-f]{64}, read [0-9a-f]{64} \\(status 200\\)")),
                during.evidence().toString());
        assertEquals(Verdict.PASSED, check(checks, "alice canaries intact [after]").verdict(), "intact again after the fault");
        assertEquals(Verdict.PASSED, check(checks, "bob canaries intact [during]").verdict(), "bob's volume was not hit");
    }

    @Test
    void ioErrorsAreRefusalsAndALostRecordIsCritical() {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        DataIntegrityProbe probe = new DataIntegrityProbe(config(), listener);
        try (probe) {
            probe.writeCanaries("t1");
            gateway.volumes().inject("tenant-alice", EIO);
            CheckResult refused = check(probe.verify("during", true, 1), "alice canaries intact [during]");
            assertEquals(Verdict.PASSED, refused.verdict(), refused.summary());
            assertTrue(refused.summary().startsWith("every read was refused gracefully"), refused.summary());
            gateway.volumes().clear("tenant-alice");
            assertTrue(gateway.store().delete("alice", "chaos-canary-t1-1"));
            CheckResult lost = check(probe.verify("after", false, 1), "alice canaries intact [after]");
            assertEquals(Verdict.CRITICAL, lost.verdict(), lost.summary());
            assertTrue(lost.evidence().stream().anyMatch(e -> e.startsWith("record chaos-canary-t1-1 of alice is lost: status 404")),
                    lost.evidence().toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            probe.deleteCanaries();
        }
    }

    private List<CheckResult> run(StoreVolumeFaults.IoFault fault) {
        DataIntegrityProbe probe = new DataIntegrityProbe(config(), listener);
        try (probe) {
            List<CheckResult> checks = new ArrayList<>(probe.writeCanaries("t1"));
            gateway.volumes().inject("tenant-alice", fault);
            checks.addAll(probe.verify("during", true, 2));
            gateway.volumes().clear("tenant-alice");
            checks.addAll(probe.verify("after", false, 1));
            checks.add(probe.deleteCanaries());
            return checks;
        }
    }

    private DataIntegrityConfig config() {
        DataIntegritySpec spec = new DataIntegritySpec(gateway.baseUri().toString(), List.of(
                new TenantSpec("alice", "tenant-alice", gateway.tenants().token("alice")),
                new TenantSpec("bob", "tenant-bob", gateway.tenants().token("bob"))),
                null, null, null, null, null, 3, null, "5s");
        assertEquals(List.of(), DataIntegrityConfig.validate(spec));
        return DataIntegrityConfig.of(spec, token -> token);
    }

    private static CheckResult check(List<CheckResult> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + checks.stream().map(CheckResult::name).toList()));
    }
}
