package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Snippet Generator shows help next to every field, and the Pipeline Syntax reference shows the same files; a
 * missing one is a silent gap in the UI.
 *
 * <p>Help files are looked up the way {@code hudson.model.Descriptor#getHelpFile(Klass, String)} does it (jenkins
 * core; {@code getHelpFile(String field)} and {@code getHelpFile()} call it with {@code getKlass()}, i.e. the
 * descriptor's {@code clazz}, and with {@code null} for the whole-step {@code help.html}). The owner is the
 * described class itself, the step or the nested describable, not the class that declares the setter. For each of
 * {@code clazz.getAncestors()} (stapler's {@code KlassNavigator.JAVA}: the class, then {@code getSuperclass()} up to
 * {@code Object}, no interfaces), most specific first, the first one with the resource
 * {@code <binary name with '.' and '$' as '/'>/help-<field>.html} wins ({@code getStaticHelpUrl}; its locale variants
 * {@code help-<field>_<lang>[_<COUNTRY>[_<variant>]].html} sit in the same folder and fall back to this one, and a
 * {@code help-<field>.jelly} view would be found first; the plugin has neither). The structs plugin's
 * {@code DescribableModel#getHelp}, which the Pipeline Syntax reference uses, walks {@code Klass#getSuperClass()}
 * the same way. So a text that all subclasses share lives once next to the superclass ({@code ChaosStep/},
 * {@code ChaosProbeStep/}); a subclass has its own copy only where its text differs.
 */
class HelpFilesTest {
    private static final Path RESOURCES = Path.of(System.getProperty("chaos.repoRoot", ".."), "chaos-plugin/src/main/resources");

    /** Stapler's {@code KlassNavigator.JAVA#getResource}: the folder named after the class, not its package. */
    static URL resource(Class<?> type, String file) {
        ClassLoader loader = type.getClassLoader();
        return loader == null ? null : loader.getResource(folder(type) + "/" + file);
    }

    private static String folder(Class<?> type) {
        return type.getName().replace('.', '/').replace('$', '/');
    }

    /** The classes of {@code owner.getAncestors()} that hold {@code file}, most specific first; the first one is shown. */
    static List<Class<?>> holders(Class<?> owner, String file) {
        List<Class<?>> holders = new ArrayList<>();
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (resource(c, file) != null) {
                holders.add(c);
            }
        }
        return holders;
    }

    /** The help file Jenkins shows for {@code file} of {@code owner}, or null. */
    static URL helpFile(Class<?> owner, String file) {
        List<Class<?>> holders = holders(owner, file);
        return holders.isEmpty() ? null : resource(holders.get(0), file);
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the walk finds for the steps, the global configuration and every nested describable they take. */
    private static final class Walk {
        final List<String> missing = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        /** Resource paths that Jenkins shows for some field. */
        final Set<String> shown = new TreeSet<>();
        private final Set<Class<?>> seen = new LinkedHashSet<>();

        Walk describable(Class<?> owner, boolean wholeHelp) {
            if (!seen.add(owner)) {
                return this;
            }
            List<String> files = new ArrayList<>();
            if (wholeHelp) {
                files.add("help.html");
            }
            for (Map.Entry<String, Class<?>> argument : StepArgumentModel.arguments(owner).entrySet()) {
                files.add("help-" + argument.getKey() + ".html");
            }
            for (String file : files) {
                check(owner, file);
            }
            for (Class<?> type : StepArgumentModel.arguments(owner).values()) {
                if (StepArgumentModel.isNested(type)) {
                    describable(type, false);
                }
            }
            return this;
        }

        private void check(Class<?> owner, String file) {
            List<Class<?>> holders = holders(owner, file);
            if (holders.isEmpty()) {
                List<String> looked = new ArrayList<>();
                for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
                    looked.add(c.getSimpleName() + "/");
                }
                missing.add(owner.getSimpleName() + ": no " + file + " in " + String.join(", ", looked));
                return;
            }
            shown.add(folder(holders.get(0)) + "/" + file);
            for (int i = 0; i < holders.size(); i++) {
                for (int j = i + 1; j < holders.size(); j++) {
                    if (Arrays.equals(read(resource(holders.get(i), file)), read(resource(holders.get(j), file)))) {
                        duplicates.add(holders.get(i).getSimpleName() + "/" + file + " repeats "
                                + holders.get(j).getSimpleName() + "/" + file);
                    }
                }
            }
        }
    }

    private static Walk walkEverything() {
        Walk walk = new Walk();
        for (Class<?> step : ChaosStepNames.STEPS.values()) {
            walk.describable(step, true);
        }
        return walk.describable(ChaosGlobalConfiguration.class, false);
    }

    @Test
    void everyStepAndEveryArgumentHasHelpInItsClassOrASuperclass() {
        for (Class<?> step : ChaosStepNames.STEPS.values()) {
            assertNotNull(step.getResource(step.getSimpleName() + "/config.jelly"), step + " has no config.jelly");
        }
        assertEquals(List.of(), walkEverything().missing.stream().distinct().toList());
    }

    @Test
    void noHelpFileRepeatsTheOneOfASuperclass() {
        assertEquals(List.of(), walkEverything().duplicates.stream().distinct().toList());
    }

    /** A help file for a removed argument, or one that every subclass overrides, would never be shown. */
    @Test
    void everyHelpFileIsShownForSomeField() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            files.filter(p -> p.getFileName().toString().matches("help.*\\.html"))
                    .forEach(p -> onDisk.add(RESOURCES.relativize(p).toString().replace('\\', '/')));
        }
        onDisk.removeAll(walkEverything().shown);
        assertEquals(Set.of(), onDisk);
    }

    /**
     * {@code chaosInject} takes the keys of one fault directly, so it repeats {@link ChaosFault}'s arguments. A
     * step and a nested describable share no superclass that {@code Descriptor#getHelpFile} would look in, so
     * these two copies have to stay; they must say the same. ({@code name} differs on purpose: on the step it
     * names the experiment.)
     */
    @Test
    void chaosInjectsFaultArgumentsHaveTheHelpOfTheFaultKeys() {
        Set<String> shared = new TreeSet<>(StepArgumentModel.arguments(ChaosFault.class).keySet());
        shared.retainAll(StepArgumentModel.arguments(ChaosInjectStep.class).keySet());
        shared.remove("name");
        List<String> differ = new ArrayList<>();
        for (String argument : shared) {
            String file = "help-" + argument + ".html";
            URL fault = helpFile(ChaosFault.class, file);
            URL step = helpFile(ChaosInjectStep.class, file);
            if (fault == null || step == null || !Arrays.equals(read(fault), read(step))) {
                differ.add(file);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void theBuildActionHasItsPages() {
        assertNotNull(ChaosRunAction.class.getResource("ChaosRunAction/summary.jelly"));
        assertNotNull(ChaosRunAction.class.getResource("ChaosRunAction/index.jelly"));
    }
}
