// Signature stub of com.cloudbees.plugins.credentials.CredentialsProvider from org.jenkins-ci.plugins:credentials:1480.v2246fd131e83; declarations only, never shipped.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                               Authentication authentication) {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                               Authentication authentication,
                                                                               List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException();
    }
}
