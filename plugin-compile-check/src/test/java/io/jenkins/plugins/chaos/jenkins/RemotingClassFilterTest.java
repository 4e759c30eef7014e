package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Run;
import hudson.remoting.Callable;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything the plugin sends to an agent and everything that comes back passes remoting's class filter. On the
 * controller that is {@code jenkins.security.ClassFilterImpl} (JEP-200), whose rule this test applies to the class of
 * every object in the serialised stream, superclasses included (remoting checks each class it resolves):
 * <ul>
 *   <li>arrays, throwables and enums pass;</li>
 *   <li>a class without a code source (the JDK) passes only if {@code whitelisted-classes.txt} names it;</li>
 *   <li>a class from a jar passes if the jar's manifest is a plugin's ({@code Short-Name} with {@code Plugin-Version}
 *       or {@code Jenkins-Version}) or carries {@code Jenkins-ClassFilter-Whitelisted: true}; jenkins-core.jar and
 *       remoting's jar pass.</li>
 * </ul>
 * The engine ships in the .hpi as a library jar in WEB-INF/lib, so its classes are judged by the manifest of the real
 * packaged {@code chaos-engine} jar; other libraries (fabric8, Jackson) by their own jars' manifests.
 */
class RemotingClassFilterTest {

    private static Set<String> jdkWhitelist;
    private static Manifest engineManifest;

    @BeforeAll
    static void readTheRules() throws IOException {
        jdkWhitelist = new LinkedHashSet<>();
        try (InputStream in = RemotingClassFilterTest.class.getResourceAsStream("class-filter-jdk-whitelist.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(jdkWhitelist::add);
        }
        File jar = engineJar();
        Assumptions.assumeTrue(jar != null, () -> {
            System.out.println("*** SKIPPED RemotingClassFilterTest: no packaged chaos-engine jar (run mvn verify, or package chaos-engine first) ***");
            return "no packaged chaos-engine jar";
        });
        try (JarFile file = new JarFile(jar)) {
            engineManifest = file.getManifest();
        }
    }

    /** The engine classes' own jar when they were loaded from one (mvn verify), else the jar that package wrote. */
    private static File engineJar() {
        File location = location(ExperimentPlan.class);
        if (location != null && location.getName().endsWith(".jar")) {
            return location;
        }
        String packaged = System.getProperty("chaos.engineJar");
        return packaged != null && new File(packaged).isFile() ? new File(packaged) : null;
    }

    private static File location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return new File(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCallableAndWhatItReturnsPassesTheControllersClassFilter() throws Exception {
        ResolvedCredentials credentials = RuntimeFixtures.credentials();
        ExperimentPlan inject = RuntimeFixtures.plan(RuntimeFixtures.injectStep());
        ExperimentPlan isolation = RuntimeFixtures.plan(RuntimeFixtures.isolationStep());
        Map<String, Object> arguments = RuntimeFixtures.isolationStep().toExperimentMap(RuntimeFixtures.TOKENS, p -> p);

        // controller -> agent: the callables with everything they carry
        List<Object> sent = List.of(
                new LoadExperimentCallable(arguments, "name: from-yaml\n", "isolation step arguments", PlanLimits.none()),
                new RunExperimentCallable(isolation, RuntimeFixtures.options(), credentials, RuntimeFixtures.alertTargets(),
                        RuntimeFixtures.ALERT_STATE, RuntimeFixtures.console()),
                new InjectCallable(inject, RuntimeFixtures.options(), credentials, RuntimeFixtures.console()),
                new RecoverCallable("run-1", List.of(RuntimeFixtures.resource()), RuntimeFixtures.options(), credentials,
                        RuntimeFixtures.console(), false));
        assertEveryCallableIsCovered(sent);

        // agent -> controller: what the callables return or throw
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        List<Object> returned = List.of(inject, isolation,
                RuntimeFixtures.tenantRun(3, 1, "{\"files\":[\"bob.jsonl\"]}"), RuntimeFixtures.dryRun(),
                // the run with what its live alerts delivered (every field set, so that every type is written)
                new ProbeRun(RuntimeFixtures.tenantRun(3, 1, "evidence"), RuntimeFixtures.liveAlertOutcome(now),
                        RuntimeFixtures.ALERT_STATE),
                new InjectedFaults("run-1", List.of(RuntimeFixtures.resource()),
                        List.of(new FaultRecord("partition", "NetworkChaos", "tenant-alice", "chaos-run-1-partition", "tenant-bob",
                                now, null, "injected")), now));
        // what they throw (AbortException, IOException) passes: ClassFilterImpl admits every Throwable

        Map<String, String> rejected = new LinkedHashMap<>();
        for (Object o : concat(sent, returned)) {
            for (Class<?> c : classesInStream(o)) {
                String why = rejection(c);
                if (why != null) {
                    rejected.put(c.getName(), why + " (in " + o.getClass().getSimpleName() + ")");
                }
            }
        }
        assertEquals(Map.of(), rejected, "ClassFilterImpl would reject these on the controller");
    }

    @Test
    void theRuleRejectsWhatJenkinsRejects() throws Exception {
        // a JDK class that is not on the list (java.util.Map.of() writes CollSer, which is; an IdentityHashMap is not)
        assertTrue(rejection(IdentityHashMap.class) != null);
        // a third-party library class from a jar without the attribute: fabric8's client configuration
        assertTrue(rejection(Config.class) != null, "fabric8 Config");
        assertEquals(null, rejection(ArrayList.class));
        assertEquals(null, rejection(RecoverCallable.class));
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void assertEveryCallableIsCovered(List<Object> sent) {
        Set<String> callables = new TreeSet<>();
        for (Class<?> c : PluginClasses.subclassesOf(Object.class)) {
            if ((FilePath.FileCallable.class.isAssignableFrom(c) || Callable.class.isAssignableFrom(c)) && !c.isInterface()) {
                callables.add(c.getSimpleName());
            }
        }
        Set<String> covered = new TreeSet<>();
        for (Object o : sent) {
            covered.add(o.getClass().getSimpleName());
        }
        assertEquals(callables, covered, "every callable of the plugin must be sent through the class filter here");
    }

    /** Why ClassFilterImpl would reject the class, or null when it admits it. */
    static String rejection(Class<?> c) throws IOException {
        if (c.isArray() || Throwable.class.isAssignableFrom(c) || Enum.class.isAssignableFrom(c)) {
            return null;
        }
        File location = location(c);
        if (location == null) {
            return jdkWhitelist.contains(c.getName()) ? null : "a JDK class not in whitelisted-classes.txt";
        }
        String name = c.getName();
        if (name.startsWith(PluginClasses.PACKAGE + ".") || location.equals(location(Run.class))
                || location.equals(location(RuntimeFixtures.class))) {
            // the plugin's own jar (a plugin manifest), Jenkins core and plugins (here: their stubs), test stand-ins for core types
            return null;
        }
        if (name.startsWith("io.jenkins.plugins.chaos.")) {
            return admits(engineManifest) ? null : "chaos-engine jar's manifest has no Jenkins-ClassFilter-Whitelisted: true";
        }
        if (location.getName().endsWith(".jar")) {
            try (JarFile jar = new JarFile(location)) {
                return admits(jar.getManifest()) ? null : location.getName() + " is neither a plugin nor whitelisted";
            }
        }
        return location + " is not recognised";
    }

    /** ClassFilterImpl.isPluginManifest. */
    private static boolean admits(Manifest manifest) {
        if (manifest == null) {
            return false;
        }
        Attributes main = manifest.getMainAttributes();
        return main.getValue("Short-Name") != null && (main.getValue("Plugin-Version") != null || main.getValue("Jenkins-Version") != null)
                || "true".equals(main.getValue("Jenkins-ClassFilter-Whitelisted"));
    }

    /** Every class whose descriptor Java serialisation (remoting's wire format) writes for the object, superclasses included. */
    static Set<Class<?>> classesInStream(Object o) throws IOException {
        Set<Class<?>> classes = new LinkedHashSet<>();
        try (ObjectOutputStream out = new RecordingStream(new ByteArrayOutputStream(), classes)) {
            out.writeObject(o);
        }
        return classes;
    }

    private static final class RecordingStream extends ObjectOutputStream {
        private final Set<Class<?>> classes;

        RecordingStream(OutputStream out, Set<Class<?>> classes) throws IOException {
            super(out);
            this.classes = classes;
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            classes.add(cl);
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) {
            classes.add(cl);
        }
    }
}
