package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code manifest:} path may point: inside the experiment's directory (in Jenkins, the workspace the plugin
 * passes as the base directory). An experiment file from a pull request must not make the agent read
 * {@code ../../etc/passwd} or {@code /etc/shadow} and echo it into the build log; links are followed before the check,
 * so a symlink out of the directory is refused as well.
 */
final class ManifestPaths {

    static final String RULE = "manifest paths must stay inside the experiment's directory (or the Jenkins workspace)";

    private ManifestPaths() {
    }

    static Optional<Path> resolve(String baseDir, String manifest, String field, List<ValidationError> errors) {
        Path base;
        Path file;
        try {
            base = Path.of(baseDir).toAbsolutePath().normalize();
            file = base.resolve(manifest).normalize();
        } catch (InvalidPathException e) {
            errors.add(new ValidationError(field, "'" + manifest + "' is not a valid path"));
            return Optional.empty();
        }
        if (!file.startsWith(base) || file.equals(base)) {
            errors.add(new ValidationError(field, "'" + manifest + "' is outside " + base + ": " + RULE));
            return Optional.empty();
        }
        if (Files.exists(file)) {
            try {
                Path realBase = base.toRealPath();
                if (!file.toRealPath().startsWith(realBase)) {
                    errors.add(new ValidationError(field, "'" + manifest + "' links to a file outside " + base + ": "
                            + RULE));
                    return Optional.empty();
                }
            } catch (IOException e) {
                errors.add(new ValidationError(field, "cannot resolve '" + manifest + "': " + e.getClass().getSimpleName()));
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }
}
