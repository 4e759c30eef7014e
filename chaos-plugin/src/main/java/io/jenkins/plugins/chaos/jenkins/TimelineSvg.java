package io.jenkins.plugins.chaos.jenkins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbers for the small SVG timeline on the build page; numbers only, so nothing needs escaping in the page. */
final class TimelineSvg {
    private TimelineSvg() {
    }

    static String points(List<ChaosRunAction.TimelineRow> rows, int width, int height) {
        if (rows.isEmpty()) {
            return "";
        }
        double max = 1;
        for (ChaosRunAction.TimelineRow row : rows) {
            max = Math.max(max, row.getP95Millis());
        }
        StringBuilder out = new StringBuilder();
        double step = rows.size() == 1 ? 0 : (double) width / (rows.size() - 1);
        for (int i = 0; i < rows.size(); i++) {
            double y = height - rows.get(i).getP95Millis() / max * height;
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, y));
        }
        return out.toString().trim();
    }

    static List<double[]> faultWindows(List<ChaosRunAction.TimelineRow> rows, int width) {
        List<double[]> windows = new ArrayList<>();
        if (rows.isEmpty()) {
            return windows;
        }
        double step = (double) width / rows.size();
        int start = -1;
        for (int i = 0; i <= rows.size(); i++) {
            boolean active = i < rows.size() && rows.get(i).isFaultActive();
            if (active && start < 0) {
                start = i;
            } else if (!active && start >= 0) {
                windows.add(new double[] {start * step, (i - start) * step});
                start = -1;
            }
        }
        return windows;
    }
}
