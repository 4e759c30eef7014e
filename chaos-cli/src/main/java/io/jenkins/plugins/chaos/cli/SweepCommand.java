package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.fault.Sweeper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Removes chaos resources that runs of this engine left behind. */
@Command(name = "sweep", description = "Delete chaos resources this engine created and left behind: every resource "
        + "of a run whose liveness lease has expired, at once, and never one of a run that is still alive (--all "
        + "included). Exit 0 when nothing of ours is stuck, 4 otherwise.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS", description = "only this namespace (default: all)")
    String namespace;

    @Option(names = "--all", description = "resources without a lease (made by an engine before leases): delete them "
            + "even before their expiry; a live run's resources are kept all the same")
    boolean all;

    @Option(names = "--force", description = "release resources of dead runs stuck on Chaos Mesh's finalizer "
            + "(cleanFinalizer=forced)")
    boolean force;

    @Override
    public Integer call() {
        try (KubernetesClient client = KubernetesClients.from(kubeconfig)) {
            RunListener listener = WriterOutputStream.listener(spec.commandLine().getOut());
            Sweeper.SweepResult result = new Sweeper(client, listener).sweep(namespace, !all, force, Instant.now());
            listener.info("Sweep done: " + result.deleted().size() + " deleted, " + result.forced().size()
                    + " released from finalizers, " + result.stuck().size() + " stuck, " + result.alive().size()
                    + " kept (their run is alive), " + result.kept().size() + " kept (no lease, not expired yet"
                    + (all ? ")" : "; --all deletes them too)") + ", " + result.leasesDeleted() + " expired lease(s) deleted");
            return result.stuck().isEmpty() ? ExitCode.PASSED : ExitCode.INFRASTRUCTURE;
        }
    }
}
