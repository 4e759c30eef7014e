package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.List;
import java.util.Map;

/**
 * The field rules of an inline IOChaos, as Chaos Mesh's CRD and webhook apply them: {@code volumePath} (the mounted
 * volume the fault sits on) is required and absolute; {@code percent} is a whole percentage; {@code methods} are
 * the FUSE operations Chaos Mesh knows; and each action needs its own block: {@code delay} for latency,
 * {@code errno} for fault, {@code attr} for attrOverride, {@code mistake} (filling, maxOccurrences, maxLength) for
 * mistake.
 */
final class IoChaosArguments {

    /** Chaos Mesh's IoMethod values (api/v1alpha1/iochaos_types.go). */
    static final List<String> METHODS = List.of("lookup", "forget", "getattr", "setattr", "readlink", "mknod", "mkdir",
            "unlink", "rmdir", "symlink", "rename", "link", "open", "read", "write", "flush", "release", "fsync",
            "opendir", "readdir", "releasedir", "fsyncdir", "statfs", "setxattr", "getxattr", "listxattr",
            "removexattr", "access", "create", "getlk", "setlk", "bmap");
    static final List<String> FILLINGS = List.of("zero", "random");
    static final List<String> ATTRIBUTES = List.of("ino", "size", "blocks", "atime", "mtime", "ctime", "kind", "perm",
            "nlink", "uid", "gid", "rdev");

    private IoChaosArguments() {
    }

    static void validate(Map<String, Object> p, String action, String path, List<ValidationError> errors) {
        Object volumePath = p.get("volumePath");
        if (!(volumePath instanceof String volume) || volume.isBlank()) {
            errors.add(new ValidationError(path + ".volumePath", "is required for IOChaos: the mount path of the volume "
                    + "the fault acts on, e.g. /var/lib/tenant-store"));
        } else if (!volume.startsWith("/")) {
            errors.add(new ValidationError(path + ".volumePath", "'" + volume + "' must be an absolute path"));
        }
        Object filePath = p.get("path");
        if (filePath != null && !(filePath instanceof String)) {
            errors.add(new ValidationError(path + ".path", "must be a path glob such as /var/lib/tenant-store/**/*"));
        }
        Object percent = p.get("percent");
        if (percent != null && !(percent instanceof Integer n && n >= 0 && n <= 100)) {
            errors.add(new ValidationError(path + ".percent", "must be a whole percentage between 0 and 100 (got '"
                    + percent + "')"));
        }
        Object methods = p.get("methods");
        if (methods != null) {
            if (!(methods instanceof List<?> list) || list.isEmpty()) {
                errors.add(new ValidationError(path + ".methods", "must be a list of I/O methods such as [read, write]"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (!METHODS.contains(String.valueOf(list.get(i)))) {
                        errors.add(new ValidationError(path + ".methods[" + i + "]", "unknown I/O method '" + list.get(i)
                                + "'; allowed: " + String.join(", ", METHODS)));
                    }
                }
            }
        }
        switch (action) {
            case "latency" -> {
                Object delay = p.get("delay");
                if (delay == null || GoDuration.parse(String.valueOf(delay)).filter(d -> !d.isZero()).isEmpty()) {
                    errors.add(new ValidationError(path + ".delay", "IOChaos latency needs delay, a positive duration; "
                            + GoDuration.ALLOWED));
                }
            }
            case "fault" -> {
                if (!(p.get("errno") instanceof Integer errno && errno > 0 && errno < 4096)) {
                    errors.add(new ValidationError(path + ".errno", "IOChaos fault needs errno, the error number the I/O "
                            + "calls return (5 is EIO, 28 ENOSPC)"));
                }
            }
            case "attrOverride" -> {
                if (!(p.get("attr") instanceof Map<?, ?> attr) || attr.isEmpty()) {
                    errors.add(new ValidationError(path + ".attr", "IOChaos attrOverride needs attr, the attributes to "
                            + "report; allowed keys: " + String.join(", ", ATTRIBUTES)));
                } else {
                    attr.keySet().stream().map(String::valueOf).filter(k -> !ATTRIBUTES.contains(k)).forEach(k ->
                            errors.add(new ValidationError(path + ".attr." + k, "unknown attribute; allowed: "
                                    + String.join(", ", ATTRIBUTES))));
                }
            }
            case "mistake" -> mistake(p.get("mistake"), path + ".mistake", errors);
            default -> {
            }
        }
    }

    private static void mistake(Object value, String path, List<ValidationError> errors) {
        if (!(value instanceof Map<?, ?> mistake)) {
            errors.add(new ValidationError(path, "IOChaos mistake needs mistake: {filling: zero|random, maxOccurrences, "
                    + "maxLength}"));
            return;
        }
        if (!FILLINGS.contains(String.valueOf(mistake.get("filling")))) {
            errors.add(new ValidationError(path + ".filling", "'" + mistake.get("filling") + "'; allowed: "
                    + String.join(", ", FILLINGS)));
        }
        for (String key : List.of("maxOccurrences", "maxLength")) {
            if (!(mistake.get(key) instanceof Integer n && n >= 1)) {
                errors.add(new ValidationError(path + "." + key, "must be a whole number of at least 1 (got '"
                        + mistake.get(key) + "')"));
            }
        }
    }
}
