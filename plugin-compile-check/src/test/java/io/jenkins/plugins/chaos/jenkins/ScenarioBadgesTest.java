package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard around the optional embeddable-build-status plugin. Without the plugin, the plugin's class loader cannot
 * see {@code org.jenkinsci.plugins.badge}; a loader that refuses that package stands in for it here.
 */
class ScenarioBadgesTest {

    /** Loads this plugin's classes itself, refuses the badge plugin's, and shares everything else with the test. */
    private static final class WithoutBadgePlugin extends ClassLoader {
        WithoutBadgePlugin() {
            super(ScenarioBadgesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.jenkinsci.plugins.badge.")) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("io.jenkins.plugins.chaos.jenkins.") || name.endsWith("Test")
                        || name.contains("Test$")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private static RunResult result(Verdict verdict) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        CheckResult check = new CheckResult("tenant-isolation", "alice->bob GET /files", verdict, "summary", List.of(), now, 5);
        return new RunResult("tenant-isolation", "staging", "run-1", now, now, List.of(), List.of(check), List.of(), null, List.of());
    }

    private static Class<?> guardWithoutPlugin() throws Exception {
        return Class.forName(ScenarioBadges.class.getName(), true, new WithoutBadgePlugin());
    }

    @Test
    void withoutThePluginTheGuardLoadsAndPublishesNothing() throws Exception {
        Class<?> guard = guardWithoutPlugin();
        // package-private, and another class loader makes it another runtime package
        Method installed = guard.getDeclaredMethod("pluginInstalled");
        installed.setAccessible(true);
        assertEquals(Boolean.FALSE, installed.invoke(null));
        Method publish = guard.getDeclaredMethod("publish", hudson.model.Run.class, String.class, boolean.class,
                RunResult.class, String.class, RunListener.class);
        publish.setAccessible(true);

        RecordingListener defaulted = new RecordingListener();
        // no Run is needed: nothing about the build is touched when the plugin is missing
        publish.invoke(null, null, null, false, result(Verdict.CRITICAL), "chaos-0", defaulted);
        assertEquals(List.of(), defaulted.infos(), "a badge nobody asked for is not worth a console line");
        assertEquals(List.of(), defaulted.warnings());

        RecordingListener explicit = new RecordingListener();
        publish.invoke(null, null, "isolation-prod", false, result(Verdict.PASSED), "chaos-0", explicit);
        assertEquals(List.of("badge 'isolation-prod' not published: the embeddable-build-status plugin is not installed"),
                explicit.infos());
        assertEquals(List.of(), explicit.warnings());
    }

    @Test
    void withThePluginOnTheClassPathTheGuardSeesIt() {
        // the signature stubs stand in for the plugin in this module
        assertTrue(ScenarioBadges.pluginInstalled());
    }

    @Test
    void aFailureToPublishIsAWarningNeverAnException() {
        RecordingListener lines = new RecordingListener();
        // with the stubs, every Jenkins call throws UnsupportedOperationException: the guard must absorb it
        ScenarioBadges.publish(null, null, false, result(Verdict.CRITICAL), "chaos-0", lines);
        assertEquals(1, lines.warnings().size(), lines.warnings().toString());
        assertTrue(lines.warnings().get(0).startsWith("badge could not be published: "), lines.warnings().get(0));
        assertEquals(List.of(), lines.infos());
    }

    @Test
    void aDryRunAndAnEmptyBadgeArgumentLeaveTheBadgeAlone() {
        RecordingListener dry = new RecordingListener();
        ScenarioBadges.publish(null, null, true, result(Verdict.PASSED), "chaos-0", dry);
        assertEquals(List.of("badge 'tenant-isolation' left unchanged: dry run"), dry.infos());
        assertEquals(List.of(), dry.warnings());

        RecordingListener off = new RecordingListener();
        ScenarioBadges.publish(null, "", false, result(Verdict.PASSED), "chaos-0", off);
        assertEquals(List.of(), off.infos(), "badge: '' says nothing");
        assertEquals(List.of(), off.warnings());
    }
}
