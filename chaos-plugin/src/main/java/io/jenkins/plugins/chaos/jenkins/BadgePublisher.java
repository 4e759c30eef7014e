package io.jenkins.plugins.chaos.jenkins;

import hudson.model.Run;
import org.jenkinsci.plugins.badge.EmbeddableBadgeConfig;
import org.jenkinsci.plugins.badge.actions.EmbeddableBadgeConfigsAction;

/**
 * Writes a {@link ScenarioBadge} into the build's embeddable-build-status configurations, the same place the
 * {@code addEmbeddableBadgeConfiguration} step writes to, so that {@code /buildStatus/icon?...&config=<name>} renders
 * it. The only class that touches that optional plugin's types: it is loaded only through {@link ScenarioBadges}
 * after the plugin was found, so Jenkins without the plugin never links it.
 */
final class BadgePublisher {

    // parallel branches may publish into one build; the plugin's action keeps its configurations in a plain HashMap
    private static final Object LOCK = new Object();

    private BadgePublisher() {
    }

    /**
     * Adds the badge configuration, or updates the one this build already has under the same name.
     *
     * @param link where a click on the badge goes, or {@code null}
     * @return the badge as published (the worse of this run and an earlier one under the same name)
     */
    static ScenarioBadge publish(Run<?, ?> run, ScenarioBadge badge, String link) {
        synchronized (LOCK) {
            EmbeddableBadgeConfigsAction configs = run.getAction(EmbeddableBadgeConfigsAction.class);
            if (configs == null) {
                configs = new EmbeddableBadgeConfigsAction();
                run.addAction(configs);
            }
            EmbeddableBadgeConfig config = configs.getConfig(badge.name());
            ScenarioBadge published = badge;
            if (config == null) {
                config = new EmbeddableBadgeConfig(badge.name());
                configs.addConfig(config);
            } else {
                published = badge.mergedWith(config.getStatus());
            }
            config.setSubject(published.name());
            config.setStatus(published.status());
            config.setColor(published.color());
            // an earlier, worse run under the same name keeps its link: the badge points at what it shows
            if (link != null && published.verdict() == badge.verdict()) {
                config.setLink(link);
            }
            return published;
        }
    }
}
