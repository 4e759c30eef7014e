package io.jenkins.plugins.chaos.probe.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link PairCoverage} keeps between runs, as JSON: where the rotation stands, the slices tested within the
 * window, the pairs that failed, and when the last runs were (the job's cadence). Tenant names, endpoint templates
 * and times only: never a token.
 *
 * @param version   layout of the file ({@link #VERSION})
 * @param space     fingerprint of the tenants and endpoints; another matrix starts the rotation over
 * @param spaceSize ordered pairs x endpoints
 * @param cursor    the index the next slice starts at
 * @param runs      start of the most recent runs, ISO-8601, oldest first
 * @param slices    the contiguous slices tested, newest last
 * @param failing   pairs whose last test did not pass: re-tested in every run until they hold
 * @param lastRunId the run that took the last slice; a later phase of the same run tests the same slice
 * @param since     when this rotation started, ISO-8601: until a window has passed, coverage is still filling
 */
record CoverageState(int version, String space, int spaceSize, int cursor, List<String> runs, List<Slice> slices,
                     List<Failing> failing, String lastRunId, String since) {

    static final int VERSION = 1;

    CoverageState {
        runs = runs == null ? new ArrayList<>() : new ArrayList<>(runs);
        slices = slices == null ? new ArrayList<>() : new ArrayList<>(slices);
        failing = failing == null ? new ArrayList<>() : new ArrayList<>(failing);
    }

    static CoverageState fresh(String space, int spaceSize) {
        return new CoverageState(VERSION, space, spaceSize, 0, null, null, null, null, null);
    }

    /**
     * @param from     first index (the slice wraps around the end of the space)
     * @param count    indices in it
     * @param testedAt ISO-8601
     * @param runId    the run that tested it
     */
    record Slice(int from, int count, String testedAt, String runId) {
    }

    /**
     * @param caller     tenant whose token was used
     * @param owner      tenant whose resource it was
     * @param endpoint   the request template, as written in the experiment
     * @param verdict    of its last test
     * @param since      first failed, ISO-8601
     * @param lastTested ISO-8601
     */
    record Failing(String caller, String owner, String endpoint, String verdict, String since, String lastTested) {
    }
}
