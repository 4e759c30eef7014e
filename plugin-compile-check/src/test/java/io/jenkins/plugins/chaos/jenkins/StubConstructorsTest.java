package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A stub constructor the real class lacks lets code compile here that cannot link in Jenkins (a subclass calling
 * {@code super()}, a {@code new} of a class that has no such constructor). Every non-private constructor of the
 * Jenkins core and junit stubs is compared with the real class's constructors, listed in {@code real-constructors.txt}
 * from the sources at the pinned versions. Private constructors are no API: nothing outside the class can call them.
 */
class StubConstructorsTest {

    private static Map<String, Set<String>> realConstructors() throws IOException {
        Map<String, Set<String>> real = new LinkedHashMap<>();
        try (InputStream in = StubConstructorsTest.class.getResourceAsStream("real-constructors.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                int colon = line.indexOf(": ");
                Set<String> constructors = real.computeIfAbsent(line.substring(0, colon), k -> new TreeSet<>());
                String constructor = line.substring(colon + 2);
                if (!constructor.equals("(private only)")) {
                    constructors.add(constructor);
                }
            });
        }
        return real;
    }

    /** Binary names of the stub classes in hudson.* and jenkins.* (a jar in verify, a directory in a reactor test run). */
    private static List<String> coreStubClasses() throws Exception {
        Path location = Path.of(Run.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            collect(location, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
                collect(jar.getPath("/"), names);
            }
        }
        return names;
    }

    private static void collect(Path root, List<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> (f.startsWith("hudson/") || f.startsWith("jenkins/")) && f.endsWith(".class"))
                    .forEach(f -> names.add(f.substring(0, f.length() - ".class".length()).replace('/', '.')));
        }
    }

    @Test
    void everyStubConstructorExistsInTheRealClass() throws Exception {
        Map<String, Set<String>> real = realConstructors();
        List<String> unlisted = new ArrayList<>();
        List<String> invented = new ArrayList<>();
        int checked = 0;
        for (String name : coreStubClasses()) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (c.isInterface() || c.isEnum() || c.isAnonymousClass() || c.isSynthetic()) {
                continue;
            }
            Set<String> constructors = real.get(c.getName());
            if (constructors == null) {
                unlisted.add(c.getName());
                continue;
            }
            for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                if (Modifier.isPrivate(constructor.getModifiers())) {
                    continue;
                }
                checked++;
                if (!constructors.contains(constructor.toString())) {
                    invented.add(constructor.toString());
                }
            }
        }
        assertEquals(List.of(), unlisted, "stubs whose real constructors are not in real-constructors.txt yet");
        assertEquals(List.of(), invented, "stub constructors the real classes do not have");
        assertTrue(checked > 20, "constructors checked: " + checked);
    }
}
