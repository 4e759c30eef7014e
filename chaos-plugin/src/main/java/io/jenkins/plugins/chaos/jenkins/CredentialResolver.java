package io.jenkins.plugins.chaos.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
