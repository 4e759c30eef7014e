package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import java.util.List;
import java.util.Map;

/**
 * IOChaos (iochaos_webhook.go, iochaos_types.go): the fields each action needs, a volume path, a percent 0..100.
 * Ready for inline IOChaos faults: they will be checked here as the manifests are.
 */
final class IoChaosRules implements KindRules {

    static final List<String> METHODS = List.of("lookup", "forget", "getattr", "setattr", "readlink", "mknod", "mkdir",
            "unlink", "rmdir", "symlink", "rename", "link", "open", "read", "write", "flush", "release", "fsync",
            "opendir", "readdir", "releasedir", "fsyncdir", "statfs", "setxattr", "getxattr", "listxattr",
            "removexattr", "access", "create", "getlk", "setlk", "bmap");
    static final List<String> FILLINGS = List.of("zero", "random");

    @Override
    public String kind() {
        return "IOChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("latency", "fault", "attrOverride", "mistake");
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        String action = FaultDurations.action(this, spec, path, problems);
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
        problems.requiredText(spec, "volumePath", path, "the mount point of the volume whose I/O is hit");
        if (spec.get("percent") != null) {
            problems.wholeWithin(spec, "percent", path, 0, 100, false, "percent of I/O calls hit");
        }
        List<?> methods = problems.list(spec, "methods", path);
        if (methods != null) {
            for (int i = 0; i < methods.size(); i++) {
                if (!METHODS.contains(String.valueOf(methods.get(i)))) {
                    problems.error(path + ".methods[" + i + "]", "unknown I/O method '" + methods.get(i) + "'"
                            + DidYouMean.hint(String.valueOf(methods.get(i)), METHODS));
                }
            }
        }
        if (action == null) {
            return;
        }
        switch (action) {
            case "latency" -> {
                if (spec.get("delay") == null) {
                    problems.error(path + ".delay", "action latency needs delay, e.g. 100ms");
                } else {
                    problems.positiveDuration(spec, "delay", path, null);
                }
            }
            case "fault" -> {
                Long errno = problems.whole(spec, "errno", path);
                if (spec.get("errno") == null || errno != null && (errno <= 0 || errno > 4095)) {
                    problems.error(path + ".errno", "action fault needs errno, a Linux error number > 0 (e.g. 5 EIO); "
                            + "errno 0 is not supported");
                }
            }
            case "attrOverride" -> {
                Map<?, ?> attr = problems.map(spec, "attr", path);
                if (attr == null || attr.isEmpty()) {
                    problems.error(path + ".attr", "action attrOverride needs attr, the attributes to report (e.g. "
                            + "perm: 72)");
                }
            }
            case "mistake" -> {
                Map<?, ?> mistake = problems.map(spec, "mistake", path);
                if (mistake == null) {
                    problems.error(path + ".mistake", "action mistake needs mistake: {filling, maxOccurrences, maxLength}");
                } else {
                    problems.oneOf(mistake, "filling", path + ".mistake", FILLINGS, true);
                    problems.wholeWithin(mistake, "maxOccurrences", path + ".mistake", 1, Integer.MAX_VALUE, true,
                            "mistakes per operation");
                    problems.wholeWithin(mistake, "maxLength", path + ".mistake", 1, Integer.MAX_VALUE, true,
                            "bytes of a mistake");
                }
            }
            default -> {
            }
        }
    }
}
