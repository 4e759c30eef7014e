package io.jenkins.plugins.chaos.plan;

import java.nio.file.Path;

/** One experiment of a {@code chaos run PATH}, with the file (or directory) it came from, for the console. */
public record LoadedFile(Path source, LoadResult result) {
}
