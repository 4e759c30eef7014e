package io.jenkins.plugins.chaos.jenkins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The plugin's compiled classes (this module compiles chaos-plugin/src/main/java), found on disk rather than listed by hand. */
final class PluginClasses {
    static final String PACKAGE = "io.jenkins.plugins.chaos.jenkins";

    private PluginClasses() {
    }

    static Path directory() {
        try {
            return Path.of(EngineBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binary names of every class of the plugin's package, nested ones included. */
    static List<String> names() {
        Path root = directory();
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(f -> {
                String file = f.getFileName().toString();
                names.add(PACKAGE + "." + file.substring(0, file.length() - ".class".length()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Every plugin class assignable to {@code type}, loaded without initialising it. */
    static <T> List<Class<? extends T>> subclassesOf(Class<T> type) {
        List<Class<? extends T>> found = new ArrayList<>();
        for (String name : names()) {
            try {
                Class<?> c = Class.forName(name, false, PluginClasses.class.getClassLoader());
                if (type.isAssignableFrom(c) && c != type) {
                    found.add(c.asSubclass(type));
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
        }
        return found;
    }
}
