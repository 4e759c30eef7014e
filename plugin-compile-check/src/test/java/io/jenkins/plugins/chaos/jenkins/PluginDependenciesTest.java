package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every plugin whose icon symbols the plugin names ({@code symbol-... plugin-<artifactId>}) is declared in
 * chaos-plugin/pom.xml: Jenkins resolves a symbol only from an installed plugin, so an undeclared one renders no icon.
 */
class PluginDependenciesTest {
    private static final Path PLUGIN = Path.of(System.getProperty("chaos.repoRoot", ".."), "chaos-plugin");
    private static final Pattern SYMBOL_PLUGIN = Pattern.compile("symbol-[a-z0-9-]+ plugin-([a-z0-9-]+)");

    @Test
    void everyPluginWhoseSymbolsAreUsedIsADependency() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(PLUGIN.resolve("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = SYMBOL_PLUGIN.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertFalse(used.isEmpty(), "the build page names its icon symbols");
        String pom = Files.readString(PLUGIN.resolve("pom.xml"));
        for (String plugin : used) {
            assertTrue(pom.contains("<artifactId>" + plugin + "</artifactId>"),
                    plugin + " provides symbols the plugin uses but is not a dependency in chaos-plugin/pom.xml");
        }
    }
}
