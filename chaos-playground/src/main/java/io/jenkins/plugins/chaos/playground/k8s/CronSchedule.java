package io.jenkins.plugins.chaos.playground.k8s;

import io.jenkins.plugins.chaos.core.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * A Schedule's {@code spec.schedule} as Chaos Mesh reads it (robfig/cron's standard parser: five fields minute hour
 * day-of-month month day-of-week, the {@code @hourly}-style descriptors and {@code @every <duration>}), in UTC. Day of
 * month and day of week are OR-ed when both are restricted, as cron does.
 */
final class CronSchedule {

    /** robfig/cron gives up after five years without a match; so do we. */
    private static final long MAX_MINUTES = 5L * 366 * 24 * 60;
    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private final Duration every;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(Duration every, BitSet[] fields, boolean daysRestricted, boolean weekdaysRestricted) {
        this.every = every;
        this.minutes = fields == null ? null : fields[0];
        this.hours = fields == null ? null : fields[1];
        this.days = fields == null ? null : fields[2];
        this.months = fields == null ? null : fields[3];
        this.weekdays = fields == null ? null : fields[4];
        this.daysRestricted = daysRestricted;
        this.weekdaysRestricted = weekdaysRestricted;
    }

    /** Empty when the expression is not one Chaos Mesh would accept. */
    static Optional<CronSchedule> parse(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        String text = expression.strip();
        if (text.startsWith("@every ")) {
            return GoDuration.parse(text.substring("@every ".length()).strip()).filter(d -> !d.isZero() && !d.isNegative())
                    .map(d -> new CronSchedule(d, null, false, false));
        }
        text = DESCRIPTORS.getOrDefault(text, text);
        String[] parts = text.split("\\s+");
        if (parts.length != 5) {
            return Optional.empty();
        }
        int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        BitSet[] fields = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = field(parts[i], ranges[i][0], ranges[i][1]);
            if (fields[i] == null) {
                return Optional.empty();
            }
        }
        if (fields[4].get(7)) {
            fields[4].set(0);
        }
        return Optional.of(new CronSchedule(null, fields, !parts[2].startsWith("*"), !parts[4].startsWith("*")));
    }

    /** The first run strictly after {@code after}; empty when there is none within five years. */
    Optional<Instant> next(Instant after) {
        if (every != null) {
            // robfig/cron's ConstantDelaySchedule: whole seconds, the delay added to the second.
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every));
        }
        ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (long i = 0; i < MAX_MINUTES; i++, t = t.plusMinutes(1)) {
            if (matches(t)) {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean matches(ZonedDateTime t) {
        if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
            return false;
        }
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        return daysRestricted && weekdaysRestricted ? day || weekday : day && weekday;
    }

    private static BitSet field(String text, int min, int max) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                Integer parsed = number(part.substring(slash + 1));
                if (parsed == null || parsed <= 0) {
                    return null;
                }
                step = parsed;
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                Integer a = number(range.substring(0, range.indexOf('-')));
                Integer b = number(range.substring(range.indexOf('-') + 1));
                if (a == null || b == null) {
                    return null;
                }
                from = a;
                to = b;
            } else {
                Integer a = number(range);
                if (a == null) {
                    return null;
                }
                from = a;
                to = slash >= 0 ? max : a;
            }
            if (from < min || to > max || from > to) {
                return null;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static Integer number(String text) {
        return text.matches("\\d{1,2}") ? Integer.valueOf(text) : null;
    }
}
