package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.GoDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Schedule's {@code schedule} as Chaos Mesh parses it: robfig/cron's parser with {@code SecondOptional |
 * Minute | Hour | Dom | Month | Dow | Descriptor} ({@code StandardCronParser} in schedule_types.go), so 5 or 6 fields,
 * the {@code @hourly}-style descriptors, {@code @every <duration>} and an optional {@code TZ=}/{@code CRON_TZ=} prefix.
 */
final class CronSchedule {

    static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final Pattern TIME_ZONE = Pattern.compile("^(CRON_TZ|TZ)=\\S+\\s+");
    private static final Pattern RANGE = Pattern.compile("([^-/]+)(?:-([^-/]+))?(?:/(.+))?");
    private static final Map<String, Integer> MONTHS = names("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec", 1);
    private static final Map<String, Integer> DAYS = names("sun", "mon", "tue", "wed", "thu", "fri", "sat", 0);

    private record Field(String name, int min, int max, Map<String, Integer> names) {
    }

    private static final Field SECOND = new Field("second", 0, 59, Map.of());
    private static final Field MINUTE = new Field("minute", 0, 59, Map.of());
    private static final Field HOUR = new Field("hour", 0, 23, Map.of());
    private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, Map.of());
    private static final Field MONTH = new Field("month", 1, 12, MONTHS);
    private static final Field DAY_OF_WEEK = new Field("day of week", 0, 6, DAYS);

    private CronSchedule() {
    }

    /** Why {@code text} is not a schedule Chaos Mesh accepts, or empty when it is one. */
    static Optional<String> problem(String text) {
        String spec = text.trim();
        Matcher zone = TIME_ZONE.matcher(spec);
        if (zone.find()) {
            spec = spec.substring(zone.end());
        }
        if (spec.isEmpty()) {
            return Optional.of("is empty");
        }
        if (spec.startsWith("@every ") || spec.equals("@every")) {
            String every = spec.substring("@every".length()).trim();
            Optional<Duration> duration = GoDuration.parse(every);
            if (duration.isEmpty()) {
                return Optional.of("'@every " + every + "' needs a duration such as 5m; " + GoDuration.ALLOWED);
            }
            if (duration.get().compareTo(Duration.ofSeconds(1)) < 0) {
                return Optional.of("'@every " + every + "' is shorter than 1s, the shortest interval cron runs");
            }
            return Optional.empty();
        }
        if (spec.startsWith("@")) {
            return DESCRIPTORS.contains(spec) ? Optional.empty()
                    : Optional.of("unknown descriptor '" + spec + "'; allowed: " + String.join(", ", DESCRIPTORS)
                    + ", @every <duration>");
        }
        String[] fields = spec.split("\\s+");
        List<Field> layout;
        if (fields.length == 5) {
            layout = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
        } else if (fields.length == 6) {
            layout = List.of(SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
        } else {
            return Optional.of("has " + fields.length + " fields; cron needs 5 (minute hour day-of-month month "
                    + "day-of-week) or 6 (with seconds first), or a descriptor such as @hourly or @every 5m");
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> problem = field(fields[i], layout.get(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String text, Field field) {
        for (String part : text.split(",", -1)) {
            Matcher range = RANGE.matcher(part);
            if (part.isEmpty() || !range.matches()) {
                return Optional.of("'" + text + "' is not a valid " + field.name() + " field");
            }
            String first = range.group(1);
            Integer start;
            Integer end;
            if (first.equals("*") || first.equals("?")) {
                if (range.group(2) != null) {
                    return Optional.of("'" + part + "': a range cannot start with " + first);
                }
                start = field.min();
                end = field.max();
            } else {
                start = value(first, field);
                end = range.group(2) == null ? (range.group(3) == null ? start : Integer.valueOf(field.max()))
                        : value(range.group(2), field);
                if (start == null || end == null) {
                    return Optional.of("'" + part + "' is not a " + field.name() + " (" + field.min() + "-"
                            + field.max() + (field.names().isEmpty() ? "" : " or a name such as "
                            + (field == MONTH ? "JAN" : "MON")) + ")");
                }
                if (start > end) {
                    return Optional.of("'" + part + "': the range ends before it starts");
                }
            }
            if (range.group(3) != null) {
                Integer step = number(range.group(3));
                if (step == null || step <= 0) {
                    return Optional.of("'" + part + "': the step must be a whole number above 0");
                }
            }
        }
        return Optional.empty();
    }

    private static Integer value(String text, Field field) {
        Integer named = field.names().get(text.toLowerCase(Locale.ROOT));
        Integer number = named != null ? named : number(text);
        return number != null && number >= field.min() && number <= field.max() ? number : null;
    }

    private static Integer number(String text) {
        return text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
    }

    private static Map<String, Integer> names(Object... namesThenFirst) {
        int first = (Integer) namesThenFirst[namesThenFirst.length - 1];
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < namesThenFirst.length - 1; i++) {
            out.put((String) namesThenFirst[i], first + i);
        }
        return Map.copyOf(out);
    }
}
