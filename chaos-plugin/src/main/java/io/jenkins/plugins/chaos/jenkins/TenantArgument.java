package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * A tenant of the gateway: {@code [name: 'alice', namespace: 'tenant-alice', tokenCredentialsId: 'alice-token']}.
 * The token itself never appears in the Pipeline, only the id of a secret-text credential. The step turns it into
 * the {@code tenants:} entry of the experiment, which the engine reads into its own model record, {@code TenantSpec}.
 */
public class TenantArgument extends AbstractDescribableImpl<TenantArgument> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private String namespace;
    private String tokenCredentialsId;

    @DataBoundConstructor
    public TenantArgument(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    @DataBoundSetter
    public void setTokenCredentialsId(String tokenCredentialsId) {
        this.tokenCredentialsId = tokenCredentialsId;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<TenantArgument> {
        public ListBoxModel doFillTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.forItem(item, StringCredentials.class, value);
        }

        @Override
        public String getDisplayName() {
            return "Tenant";
        }
    }
}
