package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Schedule's {@code schedule} as Chaos Mesh parses it: robfig/cron's parser with {@code SecondOptional | Minute |
 * Hour | Dom | Month | Dow | Descriptor} ({@code StandardCronParser} in schedule_types.go), so 5 or 6 fields, the
 * {@code @hourly}-style descriptors, {@code @every <duration>} and an optional {@code TZ=}/{@code CRON_TZ=} prefix
 * (UTC without one). One parser serves both the validation before apply ({@link #problem}) and the playground's
 * Schedule simulator ({@link #parse}, {@link #next}), so that the two cannot disagree on what a schedule means.
 */
public final class CronSchedule {

    static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    /** The descriptors as the fields robfig/cron's parseDescriptor fills in (seconds first). */
    private static final Map<String, String> DESCRIPTOR_FIELDS = Map.of("@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *", "@hourly", "0 0 * * * *");
    /** robfig/cron gives up after five years without a match; so do we. */
    private static final long MAX_MINUTES = 5L * 366 * 24 * 60;
    private static final Pattern TIME_ZONE = Pattern.compile("^(CRON_TZ|TZ)=(\\S+)\\s+");
    private static final Pattern RANGE = Pattern.compile("([^-/]+)(?:-([^-/]+))?(?:/(.+))?");
    private static final Map<String, Integer> MONTHS = names("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec", 1);
    private static final Map<String, Integer> DAYS = names("sun", "mon", "tue", "wed", "thu", "fri", "sat", 0);

    private record Field(String name, int min, int max, Map<String, Integer> names) {
    }

    /** The values a field allows; {@code star} as robfig/cron's starBit (a bare * or ?, step 1). */
    private record Values(BitSet bits, boolean star) {
    }

    /** Why a schedule is refused; a checked exception so that every refusal carries its message to the caller. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Field SECOND = new Field("second", 0, 59, Map.of());
    private static final Field MINUTE = new Field("minute", 0, 59, Map.of());
    private static final Field HOUR = new Field("hour", 0, 23, Map.of());
    private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, Map.of());
    private static final Field MONTH = new Field("month", 1, 12, MONTHS);
    private static final Field DAY_OF_WEEK = new Field("day of week", 0, 6, DAYS);
    private static final List<Field> WITH_SECONDS = List.of(SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);

    private final ZoneId zone;
    private final Duration every;
    private final List<Values> fields;

    private CronSchedule(ZoneId zone, Duration every, List<Values> fields) {
        this.zone = zone;
        this.every = every;
        this.fields = fields;
    }

    /** Why {@code text} is not a schedule Chaos Mesh accepts, or empty when it is one. */
    static Optional<String> problem(String text) {
        try {
            compile(text);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** The schedule {@code text} stands for; empty when it is null or not one Chaos Mesh would accept. */
    public static Optional<CronSchedule> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(compile(text));
        } catch (Refused refused) {
            return Optional.empty();
        }
    }

    /** The first run strictly after {@code after}; empty when there is none within five years. */
    public Optional<Instant> next(Instant after) {
        if (every != null) {
            // robfig/cron's ConstantDelaySchedule: whole seconds, the delay added to the second.
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every));
        }
        ZonedDateTime start = after.atZone(zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ZonedDateTime minute = start.truncatedTo(ChronoUnit.MINUTES);
        int fromSecond = start.getSecond();
        for (long i = 0; i < MAX_MINUTES; i++, minute = minute.plusMinutes(1), fromSecond = 0) {
            if (matches(minute)) {
                int second = fields.get(0).bits().nextSetBit(fromSecond);
                if (second >= 0) {
                    return Optional.of(minute.plusSeconds(second).toInstant());
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(ZonedDateTime t) {
        if (!fields.get(1).bits().get(t.getMinute()) || !fields.get(2).bits().get(t.getHour())
                || !fields.get(4).bits().get(t.getMonthValue())) {
            return false;
        }
        Values days = fields.get(3);
        Values weekdays = fields.get(5);
        boolean day = days.bits().get(t.getDayOfMonth());
        boolean weekday = weekdays.bits().get(t.getDayOfWeek().getValue() % 7);
        // robfig/cron's dayMatches: OR-ed only when both are restricted, as cron does.
        return days.star() || weekdays.star() ? day && weekday : day || weekday;
    }

    private static CronSchedule compile(String text) throws Refused {
        String spec = text.trim();
        ZoneId zone = ZoneOffset.UTC;
        Matcher prefix = TIME_ZONE.matcher(spec);
        if (prefix.find()) {
            zone = zone(prefix.group(2));
            spec = spec.substring(prefix.end());
        }
        if (spec.isEmpty()) {
            throw new Refused("is empty");
        }
        if (spec.startsWith("@every ") || spec.equals("@every")) {
            String every = spec.substring("@every".length()).trim();
            Optional<Duration> duration = GoDuration.parse(every);
            if (duration.isEmpty()) {
                throw new Refused("'@every " + every + "' needs a duration such as 5m; " + GoDuration.ALLOWED);
            }
            if (duration.get().compareTo(Duration.ofSeconds(1)) < 0) {
                throw new Refused("'@every " + every + "' is shorter than 1s, the shortest interval cron runs");
            }
            return new CronSchedule(zone, duration.get(), List.of());
        }
        if (spec.startsWith("@")) {
            if (!DESCRIPTORS.contains(spec)) {
                throw new Refused("unknown descriptor '" + spec + "'; allowed: " + String.join(", ", DESCRIPTORS)
                        + ", @every <duration>");
            }
            spec = DESCRIPTOR_FIELDS.get(spec);
        }
        String[] parts = spec.split("\\s+");
        if (parts.length == 5) {
            // SecondOptional: without a seconds field, robfig/cron runs at second 0.
            parts = ("0 " + spec).split("\\s+");
        } else if (parts.length != 6) {
            throw new Refused("has " + parts.length + " fields; cron needs 5 (minute hour day-of-month month "
                    + "day-of-week) or 6 (with seconds first), or a descriptor such as @hourly or @every 5m");
        }
        Values[] values = new Values[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = field(parts[i], WITH_SECONDS.get(i));
        }
        return new CronSchedule(zone, null, List.of(values));
    }

    /** robfig/cron loads the location and refuses one it does not know (Go's and Java's both read the IANA data). */
    private static ZoneId zone(String name) throws Refused {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new Refused("unknown time zone '" + name + "'; use an IANA name such as UTC or Europe/Berlin");
        }
    }

    private static Values field(String text, Field field) throws Refused {
        BitSet bits = new BitSet(field.max() + 1);
        boolean star = false;
        for (String part : text.split(",", -1)) {
            Matcher range = RANGE.matcher(part);
            if (part.isEmpty() || !range.matches()) {
                throw new Refused("'" + text + "' is not a valid " + field.name() + " field");
            }
            String first = range.group(1);
            Integer start;
            Integer end;
            boolean wildcard = first.equals("*") || first.equals("?");
            if (wildcard) {
                if (range.group(2) != null) {
                    throw new Refused("'" + part + "': a range cannot start with " + first);
                }
                start = field.min();
                end = field.max();
            } else {
                start = value(first, field);
                end = range.group(2) == null ? (range.group(3) == null ? start : Integer.valueOf(field.max()))
                        : value(range.group(2), field);
                if (start == null || end == null) {
                    throw new Refused("'" + part + "' is not a " + field.name() + " (" + field.min() + "-"
                            + field.max() + (field.names().isEmpty() ? "" : " or a name such as "
                            + (field == MONTH ? "JAN" : "MON")) + ")");
                }
                if (start > end) {
                    throw new Refused("'" + part + "': the range ends before it starts");
                }
            }
            int step = 1;
            if (range.group(3) != null) {
                Integer parsed = number(range.group(3));
                if (parsed == null || parsed <= 0) {
                    throw new Refused("'" + part + "': the step must be a whole number above 0");
                }
                step = parsed;
            }
            star |= wildcard && step == 1;
            for (int v = start; v <= end; v += step) {
                bits.set(v);
            }
        }
        return new Values(bits, star);
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
