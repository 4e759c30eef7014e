package io.jenkins.plugins.chaos.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Looks credentials up by id for a build and records their use; error messages name the id, never a value. */
public final class CredentialResolver {
    private CredentialResolver() {
    }

    public static ResolvedCredentials resolve(Run<?, ?> run, String kubeconfigId, Set<String> stringIds) throws IOException {
        String kubeconfig = kubeconfigId == null || kubeconfigId.isBlank() ? null : fileContent(run, "kubeconfigCredentialsId", kubeconfigId);
        Map<String, String> strings = new LinkedHashMap<>();
        for (String id : stringIds) {
            strings.put(id, secretText(run, "tokenCredentialsId", id));
        }
        return new ResolvedCredentials(kubeconfig, strings);
    }

    public static String secretText(Run<?, ?> run, String field, String id) throws AbortException {
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(field + ": no secret-text credential with id '" + id + "' is visible to " + run.getFullDisplayName());
        }
        CredentialsProvider.track(run, credentials);
        return credentials.getSecret().getPlainText();
    }

    /**
     * A secret of the global configuration (Slack, PagerDuty), looked up as the system in Jenkins' own store: an
     * administrator's alert channel, which no job's permissions need to reach (and none should be able to read).
     */
    public static String systemSecretText(String field, String id) throws AbortException {
        StringCredentials credentials = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        if (credentials == null) {
            throw new AbortException(field + " (global configuration): no secret-text credential with id '" + id
                    + "' in the global credentials of Jenkins");
        }
        return credentials.getSecret().getPlainText();
    }

    public static String fileContent(Run<?, ?> run, String field, String id) throws IOException {
        FileCredentials credentials = CredentialsProvider.findCredentialById(id, FileCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(field + ": no secret-file credential with id '" + id + "' is visible to " + run.getFullDisplayName());
        }
        CredentialsProvider.track(run, credentials);
        try (InputStream in = credentials.getContent(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
