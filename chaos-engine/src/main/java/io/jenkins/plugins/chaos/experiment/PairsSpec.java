package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

/**
 * {@code pairs:} of the tenant-isolation probe: {@code all} (every ordered pair x endpoint in every run, the default)
 * or {@code {perRun: N, coverWithin: 24h}}, a rotating slice of N pairs x endpoints per run chosen so that every one
 * is tested within the window at the job's cadence (the plan's {@code PairCoverage}).
 *
 * @param perRun      cross-tenant calls per run; null for all
 * @param coverWithin the window as a Go duration; null for all
 */
public record PairsSpec(Integer perRun, String coverWithin) implements Serializable {

    public static final PairsSpec ALL = new PairsSpec(null, null);

    public boolean all() {
        return perRun == null && coverWithin == null;
    }

    @Override
    public String toString() {
        return all() ? "all" : "{perRun: " + perRun + ", coverWithin: " + coverWithin + "}";
    }
}
