package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * A real Jenkins without the optional prometheus and embeddable-build-status plugins: the plugin's class loader then
 * has no io.prometheus or badge classes (hudson.ClassicPluginStrategy.DependencyClassLoader), and every step must still
 * work. Compiled on every build (plugin-test-compile-check); run only with {@code mvn -Pjenkins verify}.
 */
class WithoutOptionalPluginsTest {

    @RegisterExtension
    private final RealJenkinsExtension jenkins = new RealJenkinsExtension().omitPlugins("prometheus", "embeddable-build-status");

    @Test
    void aProbeAndABadgeArgumentWorkWithoutThem() throws Throwable {
        jenkins.then(WithoutOptionalPluginsTest::probeWithoutOptionalPlugins);
    }

    private static void probeWithoutOptionalPlugins(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            WorkflowRun run = j.buildAndAssertSuccess(JenkinsFixtures.job(j, "no-optional-plugins",
                    JenkinsFixtures.isolationPipeline(playground, "", ", badge: 'isolation'")));
            j.assertLogContains("verdict=PASSED", run);
            j.assertLogContains("not published: the embeddable-build-status plugin is not installed", run);
            j.assertLogNotContains("NoClassDefFoundError", run);
            assertEquals(0, playground.chaosResourceCount());
        }
    }
}
