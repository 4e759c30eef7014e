package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Extension;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * prometheus and embeddable-build-status are optional dependencies of the plugin. Jenkins builds a plugin's class
 * loader over its own jars plus a {@code hudson.ClassicPluginStrategy.DependencyClassLoader} that reaches only the
 * dependencies that are installed and active ({@code getTransitiveDependencies}: {@code p != null && p.isActive()});
 * a missing optional plugin's classes are then a {@code ClassNotFoundException}, and whatever links against them a
 * {@code NoClassDefFoundError}. {@code hudson.ExtensionFinder.Sezpoz} skips an {@code @Extension(optional = true)}
 * that fails so. This test builds such a class loader: the test class path without {@code io.prometheus.*} and
 * {@code org.jenkinsci.plugins.badge.*}.
 */
class OptionalPluginsTest {

    /** Classes that name an optional plugin's types, each reached only once that plugin was found. */
    private static final Set<String> OPTIONAL_ONLY = Set.of(
            "ChaosMetricsCollector", // @Extension(optional = true): skipped by ExtensionFinder.Sezpoz without prometheus
            "PrometheusMetrics",     // reached only through EngineBridge.prometheusInstalled()
            "BadgePublisher");       // reached only through ScenarioBadges.pluginInstalled()

    /** The plugin's class loader in a Jenkins where neither optional plugin is installed. */
    static final class WithoutOptionalPlugins extends URLClassLoader {
        WithoutOptionalPlugins() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] classPath() throws MalformedURLException {
            // surefire runs the tests from a manifest-only jar and names the real class path here
            String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<URL> urls = new ArrayList<>();
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            return urls.toArray(new URL[0]);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.prometheus.") || name.startsWith("org.jenkinsci.plugins.badge.")) {
                throw new ClassNotFoundException(name + " (optional plugin not installed)");
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theLoaderReallyLacksTheOptionalClasses() throws Exception {
        try (WithoutOptionalPlugins loader = new WithoutOptionalPlugins()) {
            assertTrue(classFails(loader, "io.prometheus.client.CollectorRegistry"));
            assertTrue(classFails(loader, ScenarioBadges.PLUGIN_CLASS));
            assertNotNull(loader.loadClass(EngineBridge.class.getName()));
            assertTrue(loader.loadClass(EngineBridge.class.getName()) != EngineBridge.class, "loaded apart from the test's classes");
        }
    }

    @Test
    void everyPluginClassLinksWithoutThemButThoseThatNameThem() throws Exception {
        Set<String> failing = new TreeSet<>();
        try (WithoutOptionalPlugins loader = new WithoutOptionalPlugins()) {
            for (String name : PluginClasses.names()) {
                if (linkFails(loader, name)) {
                    failing.add(name.substring(PluginClasses.PACKAGE.length() + 1));
                }
            }
        }
        assertTrue(failing.contains("ChaosMetricsCollector"), "the check sees a class that names simpleclient: " + failing);
        failing.removeAll(OPTIONAL_ONLY);
        assertEquals(Set.of(), failing, "plugin classes that cannot be linked without the optional plugins");
        Extension extension = ChaosMetricsCollector.class.getAnnotation(Extension.class);
        assertTrue(extension != null && extension.optional(), "ChaosMetricsCollector must be @Extension(optional = true)");
    }

    @Test
    void aStepsEnginePathRunsWithoutThem() throws Exception {
        try (WithoutOptionalPlugins loader = new WithoutOptionalPlugins()) {
            @SuppressWarnings("unchecked")
            Supplier<String> driver = (Supplier<String>) loader.loadClass(WithoutOptionalPluginsDriver.class.getName())
                    .getDeclaredConstructor().newInstance();
            String console = driver.get();
            assertTrue(console.contains("planned ExperimentPlan for run run-1"), console);
            assertTrue(console.contains("WARNING: pushgatewayUrl is set, but the prometheus plugin is not installed"), console);
            assertTrue(console.contains("prometheus installed: false"), console);
            assertTrue(console.contains("badge plugin installed: false"), console);
        }
    }

    @Test
    void withThePrometheusPluginTheMetricsAreRecorded() {
        // the same path in this test's own loader, where simpleclient is present
        assertTrue(EngineBridge.prometheusInstalled());
        String console = new WithoutOptionalPluginsDriver().get();
        assertTrue(console.contains("prometheus installed: true"), console);
        assertTrue(console.contains("Could not push metrics to the Pushgateway"), console);
        assertTrue(PrometheusMetrics.registry().metricFamilySamples().hasMoreElements());
    }

    private static boolean classFails(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }

    /** Loads, initialises and resolves every member signature, as Jenkins does when it instantiates and binds extensions. */
    private static boolean linkFails(ClassLoader loader, String name) throws IOException {
        try {
            Class<?> c = Class.forName(name, true, loader);
            c.getDeclaredFields();
            c.getDeclaredMethods();
            c.getDeclaredConstructors();
            return false;
        } catch (NoClassDefFoundError | ClassNotFoundException | ExceptionInInitializerError e) {
            return true;
        }
    }
}
