package io.jenkins.plugins.chaos.jenkins;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Names the build page of each chaos step ({@code chaos-0}, {@code chaos-1}, ...). Two steps in parallel branches of
 * one build finish at the same time: choosing the name and attaching the page happen under one lock, so that they
 * never pick the same one (the count of pages alone gave both the same name).
 */
final class ChaosPages {
    static final String PREFIX = "chaos-";

    private ChaosPages() {
    }

    /** The first free name, counting from how many pages there are. */
    static String firstFree(Collection<String> taken) {
        int index = taken.size();
        while (taken.contains(PREFIX + index)) {
            index++;
        }
        return PREFIX + index;
    }

    /**
     * Chooses a free name and attaches the page under {@code lock} (the build).
     *
     * @param taken  the names of the pages the build has
     * @param attach adds the page with that name to the build
     */
    static String claim(Object lock, Supplier<? extends Collection<String>> taken, Consumer<String> attach) {
        synchronized (lock) {
            String name = firstFree(taken.get());
            attach.accept(name);
            return name;
        }
    }
}
