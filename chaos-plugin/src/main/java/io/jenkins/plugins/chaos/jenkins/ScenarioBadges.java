package io.jenkins.plugins.chaos.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Publishes a probe step's scenario badge when the optional embeddable-build-status plugin is installed. This class
 * names none of that plugin's types, so it loads everywhere; {@link BadgePublisher}, which does, is reached only after
 * the plugin's classes were found. A badge is decoration: nothing here throws, and nothing changes the build result.
 */
final class ScenarioBadges {

    /** Present exactly when the plugin is installed and enabled: an optional dependency joins our class loader only then. */
    static final String PLUGIN_CLASS = "org.jenkinsci.plugins.badge.actions.EmbeddableBadgeConfigsAction";

    private ScenarioBadges() {
    }

    static boolean pluginInstalled() {
        try {
            Class.forName(PLUGIN_CLASS, false, ScenarioBadges.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param badgeArgument the step's {@code badge} argument ({@code null}: the experiment name, blank: none)
     * @param chaosPage     build-relative URL of the run's chaos page, for the badge's link
     */
    static void publish(Run<?, ?> run, String badgeArgument, boolean dryRun, RunResult result, String chaosPage,
                        RunListener console) {
        try {
            Optional<String> name = ScenarioBadge.resolveName(badgeArgument, result.experiment());
            if (name.isEmpty()) {
                return;
            }
            if (!pluginInstalled()) {
                if (badgeArgument != null) {
                    console.info("badge '" + name.get() + "' not published: the embeddable-build-status plugin is not installed");
                }
                return;
            }
            if (dryRun) {
                // a dry run probes nothing; "passing" would be a claim nobody tested
                console.info("badge '" + name.get() + "' left unchanged: dry run");
                return;
            }
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            String rootUrl = jenkins == null ? null : jenkins.getRootUrl();
            String link = rootUrl == null ? null : rootUrl + run.getUrl() + chaosPage + "/";
            ScenarioBadge published = BadgePublisher.publish(run, new ScenarioBadge(name.get(), result.verdict()), link);
            console.info("badge '" + published.name() + ": " + published.status() + "' at "
                    + published.iconUrl(rootUrl, run.getParent().getFullName()));
        } catch (RuntimeException | LinkageError e) {
            console.warn("badge could not be published: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
