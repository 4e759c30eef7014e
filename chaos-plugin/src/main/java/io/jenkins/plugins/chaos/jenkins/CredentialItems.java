package io.jenkins.plugins.chaos.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The Snippet Generator's credential drop-downs of the steps: the credentials of a type that the job can use, as
 * {@code CredentialsProvider.findCredentialById} will find them for its builds. Only someone who may configure the
 * job (or use its credentials) sees the list; anyone else sees just the value already there.
 */
final class CredentialItems {
    private CredentialItems() {
    }

    static ListBoxModel forItem(Item item, Class<? extends StandardCredentials> type, String current) {
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!allowed) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        StandardListBoxModel model = new StandardListBoxModel();
        if (item == null) {
            model.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), CredentialsMatchers.always());
        } else {
            model.includeEmptyValue().includeMatchingAs(buildAuthentication(item), item, type, List.of(), CredentialsMatchers.always());
        }
        return model.includeCurrentValue(current);
    }

    /**
     * Who the job's builds run as (SYSTEM unless an authorize-project strategy says otherwise): the credentials
     * plugin's consumer guide lists a job's credentials as {@code Tasks.getAuthenticationOf2}, because listing them as
     * SYSTEM would offer ids that {@code findCredentialById} then does not find for the build.
     */
    private static Authentication buildAuthentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
