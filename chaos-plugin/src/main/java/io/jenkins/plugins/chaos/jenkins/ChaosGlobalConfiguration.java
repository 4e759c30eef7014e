package io.jenkins.plugins.chaos.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Manage Jenkins settings of the plugin; JCasC: {@code unclassified: chaosEngineering: ...}. Only credential ids are
 * stored here, never the webhook or the routing key.
 */
@Extension
@Symbol("chaosEngineering")
public class ChaosGlobalConfiguration extends GlobalConfiguration {
    static final int DEFAULT_DEAD_MAN_MINUTES = 30;

    private String slackCredentialsId;
    private String slackChannel;
    private String pagerDutyCredentialsId;
    private String pushgatewayUrl;
    private String allowedNamespaces;
    private String maxFaultDuration;
    private int deadManThresholdMinutes = DEFAULT_DEAD_MAN_MINUTES;
    private String environment;

    public ChaosGlobalConfiguration() {
        load();
    }

    public static ChaosGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(ChaosGlobalConfiguration.class);
    }

    public String getSlackCredentialsId() {
        return slackCredentialsId;
    }

    @DataBoundSetter
    public void setSlackCredentialsId(String slackCredentialsId) {
        this.slackCredentialsId = blankToNull(slackCredentialsId);
        save();
    }

    public String getSlackChannel() {
        return slackChannel;
    }

    @DataBoundSetter
    public void setSlackChannel(String slackChannel) {
        this.slackChannel = blankToNull(slackChannel);
        save();
    }

    public String getPagerDutyCredentialsId() {
        return pagerDutyCredentialsId;
    }

    @DataBoundSetter
    public void setPagerDutyCredentialsId(String pagerDutyCredentialsId) {
        this.pagerDutyCredentialsId = blankToNull(pagerDutyCredentialsId);
        save();
    }

    public String getPushgatewayUrl() {
        return pushgatewayUrl;
    }

    @DataBoundSetter
    public void setPushgatewayUrl(String pushgatewayUrl) {
        this.pushgatewayUrl = blankToNull(pushgatewayUrl);
        save();
    }

    /** One namespace per line (or comma separated). */
    public String getAllowedNamespaces() {
        return allowedNamespaces;
    }

    @DataBoundSetter
    public void setAllowedNamespaces(String allowedNamespaces) {
        this.allowedNamespaces = blankToNull(allowedNamespaces);
        save();
    }

    public String getMaxFaultDuration() {
        return maxFaultDuration;
    }

    @DataBoundSetter
    public void setMaxFaultDuration(String maxFaultDuration) {
        String value = blankToNull(maxFaultDuration);
        if (value != null && GoDuration.parse(value).isEmpty()) {
            throw new IllegalArgumentException("maxFaultDuration: '" + value + "' is not a duration; " + GoDuration.ALLOWED);
        }
        this.maxFaultDuration = value;
        save();
    }

    public int getDeadManThresholdMinutes() {
        return deadManThresholdMinutes;
    }

    @DataBoundSetter
    public void setDeadManThresholdMinutes(int deadManThresholdMinutes) {
        if (deadManThresholdMinutes < 1) {
            throw new IllegalArgumentException("deadManThresholdMinutes: must be at least 1, was " + deadManThresholdMinutes);
        }
        this.deadManThresholdMinutes = deadManThresholdMinutes;
        save();
    }

    /** Environment name used for alerts of the dead-man's switch (part of the PagerDuty dedup key). */
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = blankToNull(environment);
        save();
    }

    /**
     * Checks the whole form before binding it: a bad value is a {@link FormException} shown next to its field,
     * where the setters' exceptions would make the whole System page fail to save.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Optional<String[]> problem = GlobalSettingsCheck.firstProblem(json.optString("maxFaultDuration", ""),
                json.optString("deadManThresholdMinutes", String.valueOf(DEFAULT_DEAD_MAN_MINUTES)),
                json.optString("allowedNamespaces", ""), json.optString("pushgatewayUrl", ""));
        if (problem.isPresent()) {
            throw new FormException(problem.get()[1], problem.get()[0]);
        }
        return super.configure(req, json);
    }

    public FormValidation doCheckMaxFaultDuration(@QueryParameter String value) {
        return validation(GlobalSettingsCheck.maxFaultDuration(value));
    }

    public FormValidation doCheckDeadManThresholdMinutes(@QueryParameter String value) {
        return validation(GlobalSettingsCheck.deadManThresholdMinutes(value));
    }

    public FormValidation doCheckAllowedNamespaces(@QueryParameter String value) {
        return validation(GlobalSettingsCheck.allowedNamespaces(value));
    }

    public FormValidation doCheckPushgatewayUrl(@QueryParameter String value) {
        return validation(GlobalSettingsCheck.pushgatewayUrl(value));
    }

    public ListBoxModel doFillSlackCredentialsIdItems(@QueryParameter String value) {
        return secretTextCredentials(value);
    }

    public ListBoxModel doFillPagerDutyCredentialsIdItems(@QueryParameter String value) {
        return secretTextCredentials(value);
    }

    /**
     * The secret-text credentials of Jenkins' own store, as the system resolves them at alert time; only an
     * administrator sees the list (credentials metadata is not for every web request).
     */
    private static ListBoxModel secretTextCredentials(String current) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    private static FormValidation validation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    public ChaosRunSettings toSettings() {
        return new ChaosRunSettings(splitNamespaces(allowedNamespaces), maxFaultDuration, deadManThresholdMinutes, pushgatewayUrl);
    }

    /**
     * Alert targets for a build's probe step: the administrator's channels, resolved as the system (a job needs no
     * permission on them), with the job's open incidents remembered under {@code $JENKINS_HOME}.
     *
     * @param runEnvironment the run's environment; null when it is known only once the plan is loaded
     *                       ({@link AlertTargets#forRun})
     */
    AlertTargets alertTargets(Run<?, ?> run, String runEnvironment) throws IOException {
        String root = Jenkins.get().getRootUrl();
        File state = ChaosStateFiles.alertState(Jenkins.get().getRootDir(), run.getParent().getFullName());
        return alertTargets(runEnvironment, root == null ? null : root + run.getUrl(), state);
    }

    /** Alert targets with the global secrets resolved as the system. */
    AlertTargets alertTargets(String runEnvironment, String link, File stateFile) throws IOException {
        String slack = slackCredentialsId == null ? null : CredentialResolver.systemSecretText("slackCredentialsId", slackCredentialsId);
        String pagerDuty = pagerDutyCredentialsId == null ? null
                : CredentialResolver.systemSecretText("pagerDutyCredentialsId", pagerDutyCredentialsId);
        return new AlertTargets(slack, slackChannel, pagerDuty, runEnvironment, link, stateFile.getPath());
    }

    static List<String> splitNamespaces(String text) {
        List<String> namespaces = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    namespaces.add(part.trim());
                }
            }
        }
        return namespaces;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
