package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws the failover probe's per-second samples as one inline SVG: p50/p95/p99 latency lines on top, the share of
 * responses by provider (primary, secondary, graceful error, ungraceful) as stacked bars below, and every second
 * with an active fault shaded across both panels, so the eye goes straight from "fault injected" to "what users
 * saw". Long runs are drawn in buckets of several seconds so that the HTML stays small: counts are summed and a
 * bucket's percentile is the worst second in it (an average would hide the spike the chart exists to show).
 */
public final class TimelineSvg {

    static final int WIDTH = 1100;
    static final int MAX_COLUMNS = 600;

    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int LATENCY_TOP = 56;
    private static final int LATENCY_HEIGHT = 220;
    private static final int SHARE_TOP = LATENCY_TOP + LATENCY_HEIGHT + 46;
    private static final int SHARE_HEIGHT = 150;
    private static final int HEIGHT = SHARE_TOP + SHARE_HEIGHT + 58;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;

    static final String[] SHARE_NAMES = {"primary", "secondary", "graceful error", "ungraceful"};
    static final String[] SHARE_COLOURS = {"#1e88e5", "#43a047", "#f9a825", "#e53935"};
    static final String[] LATENCY_NAMES = {"p50", "p95", "p99"};
    static final String[] LATENCY_COLOURS = {"#00897b", "#ef6c00", "#6a1b9a"};
    /** p95 is drawn last and dashed: where p95 and p99 coincide (few requests a second) p99 must not hide it. */
    private static final int[] DRAW_ORDER = {0, 2, 1};
    private static final String P95_DASH = "6 3";
    private static final long[] TICK_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400,
            21600, 43200, 86400};

    private TimelineSvg() {
    }

    /**
     * The SVG element; callers say "no samples" themselves when the list is empty. The report and the Jenkins build page
     * draw the same chart. Only numbers and fixed labels go into it, so it needs no escaping where it is embedded.
     */
    public static String render(List<TimelinePoint> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("timeline is empty: nothing to draw");
        }
        Columns columns = Columns.of(points);
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title>Failover timeline: latency percentiles and provider share per ")
                .append(columns.bucketSeconds == 1 ? "second" : columns.bucketSeconds + " seconds")
                .append(", fault window shaded</title>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n");
        faultWindows(svg, columns);
        double latencyMax = latencyAxis(svg, columns);
        latencyLines(svg, columns, latencyMax);
        shareAxis(svg);
        shareBars(svg, columns);
        timeAxis(svg, columns);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(Columns columns, double column) {
        return LEFT + column * PLOT_WIDTH / columns.count;
    }

    private static void faultWindows(StringBuilder svg, Columns columns) {
        int start = -1;
        for (int i = 0; i <= columns.count; i++) {
            boolean active = i < columns.count && columns.faultActive[i];
            if (active && start < 0) {
                start = i;
            } else if (!active && start >= 0) {
                double x0 = x(columns, start);
                double x1 = x(columns, i);
                svg.append("<rect class=\"fault-window\" x=\"").append(num(x0)).append("\" y=\"").append(LATENCY_TOP)
                        .append("\" width=\"").append(num(Math.max(1, x1 - x0))).append("\" height=\"")
                        .append(SHARE_TOP + SHARE_HEIGHT - LATENCY_TOP)
                        .append("\" fill=\"#d32f2f\" fill-opacity=\"0.12\" stroke=\"#d32f2f\" stroke-opacity=\"0.5\""
                                + " stroke-dasharray=\"4 3\"/>\n");
                svg.append("<text x=\"").append(num(x0 + 4)).append("\" y=\"").append(LATENCY_TOP + 14)
                        .append("\" fill=\"#b71c1c\">fault active</text>\n");
                start = -1;
            }
        }
    }

    private static double latencyAxis(StringBuilder svg, Columns columns) {
        double max = 0;
        for (int i = 0; i < columns.count; i++) {
            if (columns.requests[i] > 0) {
                for (double[] series : columns.latency) {
                    if (Double.isFinite(series[i])) {
                        max = Math.max(max, series[i]);
                    }
                }
            }
        }
        double top = niceCeiling(max <= 0 ? 1 : max);
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            double value = top * t / ticks;
            double y = LATENCY_TOP + LATENCY_HEIGHT - (double) LATENCY_HEIGHT * t / ticks;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#e0e0e0\"/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#424242\">").append(latencyLabel(value)).append("</text>\n");
        }
        axisFrame(svg, LATENCY_TOP, LATENCY_HEIGHT);
        verticalTitle(svg, "latency", LATENCY_TOP + LATENCY_HEIGHT / 2);
        return top;
    }

    private static void latencyLines(StringBuilder svg, Columns columns, double max) {
        for (int s : DRAW_ORDER) {
            StringBuilder path = new StringBuilder();
            boolean penDown = false;
            for (int i = 0; i < columns.count; i++) {
                double value = columns.latency[s][i];
                if (columns.requests[i] == 0 || !Double.isFinite(value)) {
                    penDown = false;
                    continue;
                }
                double y = LATENCY_TOP + LATENCY_HEIGHT - Math.min(1, value / max) * LATENCY_HEIGHT;
                path.append(penDown ? 'L' : 'M').append(num(x(columns, i + 0.5))).append(' ').append(num(y)).append(' ');
                penDown = true;
            }
            if (path.length() > 0) {
                svg.append("<path class=\"latency-").append(LATENCY_NAMES[s]).append("\" d=\"").append(path.toString().trim())
                        .append("\" fill=\"none\" stroke=\"").append(LATENCY_COLOURS[s])
                        .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"")
                        .append(s == 1 ? " stroke-dasharray=\"" + P95_DASH + "\"" : "").append("/>\n");
            }
        }
    }

    private static void shareAxis(StringBuilder svg) {
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = SHARE_TOP + SHARE_HEIGHT - SHARE_HEIGHT * pct / 100.0;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#e0e0e0\"/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#424242\">").append(pct).append("%</text>\n");
        }
        verticalTitle(svg, "provider share", SHARE_TOP + SHARE_HEIGHT / 2);
    }

    private static void shareBars(StringBuilder svg, Columns columns) {
        double width = Math.max(0.5, (double) PLOT_WIDTH / columns.count * 0.85);
        svg.append("<g class=\"share-bars\">\n");
        for (int i = 0; i < columns.count; i++) {
            long[] parts = {columns.primary[i], columns.secondary[i], columns.graceful[i], columns.ungraceful[i]};
            long classified = parts[0] + parts[1] + parts[2] + parts[3];
            long total = Math.max(columns.requests[i], classified);
            if (total == 0) {
                continue;
            }
            double bottom = SHARE_TOP + SHARE_HEIGHT;
            double xLeft = x(columns, i + 0.5) - width / 2;
            for (int p = 0; p < parts.length; p++) {
                if (parts[p] == 0) {
                    continue;
                }
                double h = (double) SHARE_HEIGHT * parts[p] / total;
                bottom -= h;
                svg.append("<rect x=\"").append(num(xLeft)).append("\" y=\"").append(num(bottom))
                        .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(h))
                        .append("\" fill=\"").append(SHARE_COLOURS[p]).append("\"/>\n");
            }
        }
        svg.append("</g>\n");
        axisFrame(svg, SHARE_TOP, SHARE_HEIGHT);
    }

    private static void timeAxis(StringBuilder svg, Columns columns) {
        long span = (long) columns.count * columns.bucketSeconds;
        long step = TICK_STEPS[TICK_STEPS.length - 1];
        for (long candidate : TICK_STEPS) {
            if (span / candidate <= 10) {
                step = candidate;
                break;
            }
        }
        double axisY = SHARE_TOP + SHARE_HEIGHT;
        for (long second = 0; second <= span; second += step) {
            double xs = LEFT + (double) second / span * PLOT_WIDTH;
            svg.append("<line x1=\"").append(num(xs)).append("\" x2=\"").append(num(xs)).append("\" y1=\"")
                    .append(num(axisY)).append("\" y2=\"").append(num(axisY + 5)).append("\" stroke=\"#424242\"/>\n");
            svg.append("<text x=\"").append(num(xs)).append("\" y=\"").append(num(axisY + 18))
                    .append("\" text-anchor=\"middle\" fill=\"#424242\">")
                    .append(second == 0 ? "0s" : Html.escape(GoDuration.format(Duration.ofSeconds(second))))
                    .append("</text>\n");
        }
        svg.append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(num(axisY + 40))
                .append("\" text-anchor=\"middle\" fill=\"#212121\">time since ")
                .append(Html.escape(Instant.ofEpochSecond(columns.firstSecond).toString()))
                .append(columns.bucketSeconds == 1 ? " (one bar per second)"
                        : " (one bar per " + columns.bucketSeconds + " s; latency = worst second)")
                .append("</text>\n");
    }

    private static void legend(StringBuilder svg) {
        double xPos = LEFT;
        int y = 22;
        for (int s = 0; s < LATENCY_NAMES.length; s++) {
            svg.append("<line x1=\"").append(num(xPos)).append("\" x2=\"").append(num(xPos + 22)).append("\" y1=\"")
                    .append(y - 4).append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(LATENCY_COLOURS[s])
                    .append("\" stroke-width=\"3\"").append(s == 1 ? " stroke-dasharray=\"" + P95_DASH + "\"" : "")
                    .append("/>\n");
            svg.append("<text x=\"").append(num(xPos + 28)).append("\" y=\"").append(y).append("\">")
                    .append(LATENCY_NAMES[s]).append(" latency</text>\n");
            xPos += 110;
        }
        for (int p = 0; p < SHARE_NAMES.length; p++) {
            svg.append("<rect x=\"").append(num(xPos)).append("\" y=\"").append(y - 10)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(SHARE_COLOURS[p]).append("\"/>\n");
            svg.append("<text x=\"").append(num(xPos + 17)).append("\" y=\"").append(y).append("\">")
                    .append(SHARE_NAMES[p]).append("</text>\n");
            xPos += 36 + SHARE_NAMES[p].length() * 6.0;
        }
        svg.append("<rect x=\"").append(num(xPos)).append("\" y=\"").append(y - 10)
                .append("\" width=\"12\" height=\"12\" fill=\"#d32f2f\" fill-opacity=\"0.18\" stroke=\"#d32f2f\"/>\n");
        svg.append("<text x=\"").append(num(xPos + 17)).append("\" y=\"").append(y).append("\">fault window</text>\n");
    }

    private static void axisFrame(StringBuilder svg, int top, int height) {
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(top + height).append("\" stroke=\"#424242\"/>\n");
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(top + height).append("\" y2=\"").append(top + height).append("\" stroke=\"#424242\"/>\n");
    }

    private static void verticalTitle(StringBuilder svg, String title, int centreY) {
        svg.append("<text transform=\"translate(16 ").append(centreY).append(") rotate(-90)\" text-anchor=\"middle\""
                + " fill=\"#212121\">").append(title).append("</text>\n");
    }

    static String latencyLabel(double millis) {
        if (millis >= 10_000) {
            return String.format(Locale.ROOT, "%.0f s", millis / 1000);
        }
        if (millis >= 1000) {
            return String.format(Locale.ROOT, millis % 1000 == 0 ? "%.0f s" : "%.1f s", millis / 1000);
        }
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: axis labels a person can read. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The samples regrouped into at most {@link #MAX_COLUMNS} columns of equal length in seconds. */
    private static final class Columns {
        final long firstSecond;
        final int bucketSeconds;
        final int count;
        final long[] requests;
        final long[] primary;
        final long[] secondary;
        final long[] graceful;
        final long[] ungraceful;
        final double[][] latency;
        final boolean[] faultActive;
        final boolean[] sampled;

        private Columns(long firstSecond, int bucketSeconds, int count) {
            this.firstSecond = firstSecond;
            this.bucketSeconds = bucketSeconds;
            this.count = count;
            requests = new long[count];
            primary = new long[count];
            secondary = new long[count];
            graceful = new long[count];
            ungraceful = new long[count];
            latency = new double[3][count];
            faultActive = new boolean[count];
            sampled = new boolean[count];
            for (double[] series : latency) {
                Arrays.fill(series, Double.NaN);
            }
        }

        static Columns of(List<TimelinePoint> points) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (TimelinePoint p : points) {
                first = Math.min(first, p.epochSecond());
                last = Math.max(last, p.epochSecond());
            }
            long span = last - first + 1;
            int bucket = (int) Math.max(1, (span + MAX_COLUMNS - 1) / MAX_COLUMNS);
            int count = (int) ((span + bucket - 1) / bucket);
            Columns c = new Columns(first, bucket, count);
            for (TimelinePoint p : points) {
                int i = (int) ((p.epochSecond() - first) / bucket);
                c.requests[i] += Math.max(0, p.requests());
                c.primary[i] += Math.max(0, p.primary());
                c.secondary[i] += Math.max(0, p.secondary());
                c.graceful[i] += Math.max(0, p.gracefulErrors());
                c.ungraceful[i] += Math.max(0, p.ungraceful());
                c.faultActive[i] |= p.faultActive();
                c.sampled[i] = true;
                if (p.requests() > 0) {
                    worst(c.latency[0], i, p.p50Millis());
                    worst(c.latency[1], i, p.p95Millis());
                    worst(c.latency[2], i, p.p99Millis());
                }
            }
            c.bridgeUnsampledFaultSeconds();
            return c;
        }

        /**
         * The probe may record no sample for a second (nothing completed in it). Such a gap inside a fault window
         * must not split the shading in two, which would suggest the fault was lifted and injected again.
         */
        private void bridgeUnsampledFaultSeconds() {
            int previous = -1;
            for (int i = 0; i < count; i++) {
                if (!sampled[i]) {
                    continue;
                }
                if (previous >= 0 && i - previous > 1 && faultActive[previous] && faultActive[i]) {
                    for (int gap = previous + 1; gap < i; gap++) {
                        faultActive[gap] = true;
                    }
                }
                previous = i;
            }
        }

        private static void worst(double[] series, int i, double value) {
            if (Double.isFinite(value) && (Double.isNaN(series[i]) || value > series[i])) {
                series[i] = value;
            }
        }
    }
}
