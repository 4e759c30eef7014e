package io.jenkins.plugins.chaos.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** What the JenkinsRule tests of Jenkins' runtime rules share: credentials from the playground, pipelines, a secret scan. */
final class JenkinsFixtures {
    private JenkinsFixtures() {
    }

    /** The playground's kubeconfig as {@code kubeconfig}, each tenant's token as {@code <tenant>-token}. */
    static void credentials(PlaygroundFixture playground) throws Exception {
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "playground", "kubeconfig",
                SecretBytes.fromBytes(playground.kubeconfig().getBytes(StandardCharsets.UTF_8))));
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, tenant.getKey() + "-token", "",
                    Secret.fromString(tenant.getValue())));
        }
        SystemCredentialsProvider.getInstance().save();
    }

    static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** A tenant isolation probe over every playground tenant, on the given node label ('' for any). */
    static String isolationPipeline(PlaygroundFixture playground, String label, String extraArguments) {
        StringBuilder tenants = new StringBuilder();
        for (String tenant : playground.tenantTokens().keySet()) {
            tenants.append("[name: '").append(tenant).append("', namespace: 'tenant-").append(tenant)
                    .append("', tokenCredentialsId: '").append(tenant).append("-token'],");
        }
        return "node('" + label + "') {\n"
                + "  def r = tenantIsolationProbe(name: 'isolation', environment: 'playground', kubeconfigCredentialsId: 'kubeconfig',\n"
                + "      gateway: '" + playground.gatewayUrl() + "', tenants: [" + tenants + "],\n"
                + "      endpoints: ['GET /v1/tenants/{tenant}/files']" + extraArguments + ")\n"
                + "  echo \"verdict=${r.verdict}\"\n"
                + "}\n";
    }

    /** A partition held while the body sleeps, on the given node label. */
    static String injectPipeline(String label) {
        return "node('" + label + "') {\n"
                + "  chaosInject(name: 'partition', kind: 'NetworkChaos', action: 'partition', mode: 'all', duration: '10m',\n"
                + "              kubeconfigCredentialsId: 'kubeconfig', direction: 'both',\n"
                + "              selector: [namespaces: ['tenant-alice']], target: [namespaces: ['tenant-bob']]) {\n"
                + "    echo 'body started'\n"
                + "    sleep 600\n"
                + "  }\n"
                + "}\n";
    }

    /** Files under {@code dir} (build.xml, program.dat, the log, ...) that contain a secret of the playground. */
    static List<String> filesWithSecrets(Path dir, PlaygroundFixture playground) throws IOException {
        List<String> secrets = new ArrayList<>(playground.tenantTokens().values());
        for (String line : playground.kubeconfig().split("\n")) {
            // the kubeconfig's credentials and keys, not its structure
            if (line.contains("token") || line.contains("-data:")) {
                secrets.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (secret.length() >= 8 && content.contains(secret)) {
                        found.add(dir.relativize(file).toString());
                        break;
                    }
                }
            }
        }
        return found;
    }
}
