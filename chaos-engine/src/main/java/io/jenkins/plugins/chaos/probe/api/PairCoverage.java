package io.jenkins.plugins.chaos.probe.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.StateFiles;
import io.jenkins.plugins.chaos.experiment.PairsSpec;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rotating pair coverage ({@code pairs: {perRun: N, coverWithin: 24h}}): each run tests a deterministic slice of
 * the ordered pairs x endpoints, the next {@code size} indices after the last run's, so that the whole space is
 * tested within the window at the job's cadence; plus every pair that did not pass when it was last tested (until
 * it holds). The positive controls are always sent by the matrix itself. The slice grows beyond {@code perRun}
 * when the cadence seen in the last runs would not cover the space within the window, and the console says so.
 *
 * <p>State lives in one JSON file per experiment and environment ({@link #stateFile}): the rotation's cursor, the
 * slices tested within the window, the failing pairs, the last runs' start times. Tenant names and endpoint
 * templates only, never a token. A changed set of tenants or endpoints starts the rotation over; its failing pairs
 * that still exist are kept.
 */
public final class PairCoverage {

    public static final String PROBE = ProbeIds.ISOLATION_COVERAGE;
    private static final TypeReference<CoverageState> STATE = new TypeReference<>() {
    };
    private static final int RUNS_KEPT = 10;
    /** Plan for 5% fewer runs per window than the cadence gives, so that a late run does not open a gap. */
    private static final double CADENCE_SLACK = 0.95;
    private static final int SLICE_LINES = 200;

    private final Path file;
    private final int perRun;
    private final Duration window;
    private final IsolationMatrix matrix;
    private final String space;
    private CoverageState state;
    private Plan plan;

    /**
     * @param matrix the full matrix (every pair), whose space the slices cover
     * @throws IllegalArgumentException when {@code pairs} is {@code all} or its values are out of range
     */
    public PairCoverage(Path file, PairsSpec pairs, IsolationMatrix matrix) throws IOException {
        if (pairs.all()) {
            throw new IllegalArgumentException("pairs: all needs no rotation");
        }
        this.file = file;
        this.perRun = pairs.perRun();
        this.window = GoDuration.parse(pairs.coverWithin()).orElseThrow(
                () -> new IllegalArgumentException("pairs.coverWithin: '" + pairs.coverWithin() + "'; " + GoDuration.ALLOWED));
        this.matrix = matrix;
        this.space = fingerprint(matrix.tenants(), matrix.endpoints());
        this.state = load();
    }

    /** {@code <stateDir>/pair-coverage-<experiment>-<environment>.json}, names made safe for a path. */
    public static Path stateFile(Path stateDir, String experiment, String environment) {
        return stateDir.resolve("pair-coverage-" + safe(experiment) + "-" + safe(environment) + ".json");
    }

    /**
     * What one run tests.
     *
     * @param selection  the cross-tenant calls
     * @param from       first index of the rotating slice
     * @param size       indices in the slice
     * @param retested   failing pairs outside the slice, tested again
     * @param cadence    the job's cadence seen in the last runs; null before the second run
     */
    public record Plan(CrossSelection selection, int from, int size, int retested, Duration cadence) {
    }

    /**
     * The slice of run {@code runId} starting at {@code now}; the same slice again for a later phase of the same run.
     */
    public Plan plan(String runId, Instant now, RunListener listener) {
        int spaceSize = matrix.crossSpace();
        if (runId != null && runId.equals(state.lastRunId()) && !state.slices().isEmpty()) {
            // A later phase of the same run (before, during, after) tests the slice this run took.
            CoverageState.Slice last = state.slices().get(state.slices().size() - 1);
            plan = select(last.from(), last.count(), null);
            listener.info(PROBE + ": the slice of this run again: " + plan.size() + " from "
                    + matrix.crossName(plan.from()) + (plan.retested() > 0 ? ", plus " + plan.retested()
                    + " failing pair(s)" : ""));
            return plan;
        }
        Duration cadence = cadence(now);
        int size = Math.min(spaceSize, perRun);
        if (cadence != null) {
            long runsPerWindow = Math.max(1, (long) Math.floor(window.toMillis() * CADENCE_SLACK / Math.max(1, cadence.toMillis())));
            int need = (int) Math.min(spaceSize, (spaceSize + runsPerWindow - 1) / runsPerWindow);
            if (need > size) {
                listener.warn(PROBE + ": perRun " + perRun + " cannot cover " + String.format(Locale.ROOT, "%,d", spaceSize)
                        + " pairs x endpoints within " + GoDuration.format(window) + " at this job's cadence (every "
                        + GoDuration.format(cadence) + "): this run tests " + need + "; raise perRun to at least " + need);
                size = need;
            }
        }
        int from = spaceSize == 0 ? 0 : state.cursor() % spaceSize;
        plan = select(from, size, cadence);
        int retested = plan.retested();
        List<String> runs = new ArrayList<>(state.runs());
        runs.add(now.toString());
        while (runs.size() > RUNS_KEPT) {
            runs.remove(0);
        }
        List<CoverageState.Slice> slices = new ArrayList<>(state.slices());
        slices.add(new CoverageState.Slice(from, size, now.toString(), runId));
        Instant horizon = now.minus(window).minus(window);
        slices.removeIf(s -> Instant.parse(s.testedAt()).isBefore(horizon));
        state = new CoverageState(CoverageState.VERSION, space, spaceSize, spaceSize == 0 ? 0 : (from + size) % spaceSize,
                runs, slices, state.failing(), runId, state.since() == null ? now.toString() : state.since());
        listener.info(PROBE + ": rotating slice of " + size + " from " + (size == 0 ? "-" : matrix.crossName(from))
                + (retested > 0 ? ", plus " + retested + " failing pair(s) re-tested until they hold" : "")
                + " (pairs: perRun " + perRun + ", coverWithin " + GoDuration.format(window) + "; state " + file + ")");
        return plan;
    }

    private Plan select(int from, int size, Duration cadence) {
        int spaceSize = matrix.crossSpace();
        BitSet chosen = new BitSet(spaceSize);
        for (int i = 0; i < size; i++) {
            chosen.set((from + i) % spaceSize);
        }
        int retested = 0;
        for (CoverageState.Failing failing : state.failing()) {
            int index = indexOf(failing);
            if (index >= 0 && !chosen.get(index)) {
                chosen.set(index);
                retested++;
            }
        }
        return new Plan(CrossSelection.of(spaceSize, chosen.stream().toArray()), from, size, retested, cadence);
    }

    /**
     * Records what the run found ({@code failures}: the non-passed verdicts by index; every other index of the plan
     * passed), saves the state and returns the coverage check: PASSED while the space is covered within the window
     * (or the first window is still filling), WARNING when some pair x endpoint went untested for longer.
     */
    public CheckResult record(Map<Integer, Verdict> failures, Instant now) throws IOException {
        if (plan == null) {
            throw new IllegalStateException("record before plan");
        }
        Map<Integer, CoverageState.Failing> failing = new LinkedHashMap<>();
        for (CoverageState.Failing f : state.failing()) {
            int index = indexOf(f);
            if (index >= 0) {
                failing.put(index, f);
            }
        }
        for (int i = 0; i < plan.selection().size(); i++) {
            int index = plan.selection().index(i);
            Verdict verdict = failures.get(index);
            if (verdict == null || verdict == Verdict.PASSED) {
                failing.remove(index);
                continue;
            }
            IsolationMatrix.Call call = matrix.crossCall(index);
            CoverageState.Failing before = failing.get(index);
            failing.put(index, new CoverageState.Failing(call.caller(), call.owner(), call.endpoint().toString(),
                    verdict.name(), before == null ? now.toString() : before.since(), now.toString()));
        }
        state = new CoverageState(CoverageState.VERSION, space, state.spaceSize(), state.cursor(), state.runs(),
                state.slices(), new ArrayList<>(failing.values()), state.lastRunId(), state.since());
        save();
        return check(now);
    }

    /** Every index tested within the window ending at {@code now}: the slices, and the failing pairs' re-tests. */
    BitSet coveredWithin(Instant now) {
        int spaceSize = matrix.crossSpace();
        BitSet covered = new BitSet(spaceSize);
        Instant since = now.minus(window);
        for (CoverageState.Slice slice : state.slices()) {
            if (!Instant.parse(slice.testedAt()).isBefore(since)) {
                for (int i = 0; i < slice.count(); i++) {
                    covered.set((slice.from() + i) % spaceSize);
                }
            }
        }
        for (CoverageState.Failing f : state.failing()) {
            int index = indexOf(f);
            if (index >= 0 && !Instant.parse(f.lastTested()).isBefore(since)) {
                covered.set(index);
            }
        }
        return covered;
    }

    private CheckResult check(Instant now) {
        int spaceSize = matrix.crossSpace();
        int covered = coveredWithin(now).cardinality();
        Instant first = state.since() == null ? now : Instant.parse(state.since());
        boolean firstWindow = first.isAfter(now.minus(window));
        boolean whole = covered >= spaceSize;
        String within = GoDuration.format(window);
        String fraction = String.format(Locale.ROOT, "%,d of %,d pairs x endpoints (%.1f%%)", covered, spaceSize,
                spaceSize == 0 ? 100.0 : covered * 100.0 / spaceSize);
        List<String> evidence = new ArrayList<>();
        evidence.add("space: " + matrix.tenants().size() + " tenants x " + matrix.endpoints().size()
                + " endpoints = " + String.format(Locale.ROOT, "%,d", spaceSize) + " ordered pairs x endpoints");
        evidence.add("this run: " + plan.size() + " from " + (plan.size() == 0 ? "-" : matrix.crossName(plan.from()))
                + " to " + (plan.size() == 0 ? "-" : matrix.crossName((plan.from() + plan.size() - 1) % spaceSize))
                + (plan.retested() > 0 ? ", plus " + plan.retested() + " failing pair(s) re-tested" : ""));
        evidence.add("plan: perRun " + perRun + ", coverWithin " + within + ", cadence "
                + (plan.cadence() == null ? "unknown until the second run" : "every " + GoDuration.format(plan.cadence())));
        evidence.add("covered within " + within + ": " + fraction);
        List<CoverageState.Slice> slices = state.slices();
        int shown = 0;
        for (int s = slices.size() - 1; s >= 0 && shown < SLICE_LINES; s--, shown++) {
            CoverageState.Slice slice = slices.get(s);
            if (slice.count() == 0) {
                continue;
            }
            evidence.add("last tested " + slice.testedAt() + " (run " + slice.runId() + "): " + slice.count()
                    + " from " + matrix.crossName(slice.from()) + " to "
                    + matrix.crossName((slice.from() + slice.count() - 1) % spaceSize));
        }
        if (!whole) {
            evidence.add("not tested within " + within + ": " + String.format(Locale.ROOT, "%,d", spaceSize - covered));
        }
        for (CoverageState.Failing f : state.failing()) {
            evidence.add("failing since " + f.since() + ", re-tested every run until it holds: " + f.caller() + "->"
                    + f.owner() + " " + f.endpoint() + " (" + f.verdict() + ", last tested " + f.lastTested() + ")");
        }
        evidence.add("state: " + file);
        Verdict verdict = whole || firstWindow ? Verdict.PASSED : Verdict.WARNING;
        String summary = "covered within " + within + ": " + fraction
                + (whole ? "" : firstWindow ? "; the first window is still filling"
                : "; some pairs went untested for longer than " + within + " (the job ran less often than planned?)");
        return new CheckResult(PROBE, "pairs covered within " + within, verdict, summary, evidence, now, 0);
    }

    /** The median interval between the last runs (and now); null before the second run. */
    private Duration cadence(Instant now) {
        List<Instant> times = new ArrayList<>();
        state.runs().forEach(r -> times.add(Instant.parse(r)));
        times.add(now);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            long gap = Duration.between(times.get(i - 1), times.get(i)).toMillis();
            if (gap > 0) {
                gaps.add(gap);
            }
        }
        if (gaps.isEmpty()) {
            return null;
        }
        gaps.sort(Long::compare);
        return Duration.ofMillis(gaps.get(gaps.size() / 2));
    }

    private int indexOf(CoverageState.Failing failing) {
        int caller = matrix.tenants().indexOf(failing.caller());
        int owner = matrix.tenants().indexOf(failing.owner());
        int endpoint = -1;
        List<RequestTemplate> endpoints = matrix.endpoints();
        for (int e = 0; e < endpoints.size(); e++) {
            if (endpoints.get(e).toString().equals(failing.endpoint())) {
                endpoint = e;
            }
        }
        if (caller < 0 || owner < 0 || endpoint < 0 || caller == owner) {
            return -1;
        }
        int n = matrix.tenants().size();
        return endpoint * n * (n - 1) + caller * (n - 1) + (owner < caller ? owner : owner - 1);
    }

    private CoverageState load() throws IOException {
        Optional<CoverageState> stored;
        try {
            stored = StateFiles.read(file, STATE);
        } catch (IOException e) {
            // The file is ours and holds no secrets, but its content is still not quoted back.
            throw new IOException("could not read the pair-coverage state " + file + " (" + e.getClass().getSimpleName()
                    + "); delete it to start the rotation over", e);
        }
        if (stored.isEmpty()) {
            return CoverageState.fresh(space, matrix.crossSpace());
        }
        CoverageState read = stored.get();
        if (read.version() != CoverageState.VERSION) {
            throw new IOException("pair-coverage state " + file + " has version " + read.version() + ", this engine reads "
                    + CoverageState.VERSION + "; delete it to start the rotation over");
        }
        if (!space.equals(read.space())) {
            // Another set of tenants or endpoints: the slices mean other pairs now; the failing pairs are kept.
            return new CoverageState(CoverageState.VERSION, space, matrix.crossSpace(), 0, read.runs(), null,
                    read.failing(), null, null);
        }
        return read;
    }

    private void save() throws IOException {
        StateFiles.write(file, ".pair-coverage-", state);
    }

    private static String fingerprint(List<String> tenants, List<RequestTemplate> endpoints) {
        StringBuilder text = new StringBuilder();
        tenants.forEach(t -> text.append(t).append('\n'));
        text.append('\u0000');
        endpoints.forEach(e -> text.append(e).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String safe(String name) {
        String text = name == null || name.isBlank() ? "default" : name;
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** For tests: the indices of the space that failed when last tested. */
    Map<Integer, String> failing() {
        Map<Integer, String> out = new HashMap<>();
        state.failing().forEach(f -> out.put(indexOf(f), f.verdict()));
        return out;
    }
}
