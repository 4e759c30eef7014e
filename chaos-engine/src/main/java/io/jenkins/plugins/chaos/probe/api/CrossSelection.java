package io.jenkins.plugins.chaos.probe.api;

import java.util.Arrays;

/**
 * Which cross-tenant calls of the matrix's space a run sends: all of them ({@code pairs: all}) or a sorted set of
 * indices chosen by {@link PairCoverage}. All is not materialised, so that it costs nothing at 200 tenants.
 */
public final class CrossSelection {

    private final int space;
    private final int[] indices;

    private CrossSelection(int space, int[] indices) {
        this.space = space;
        this.indices = indices;
    }

    public static CrossSelection all(int space) {
        return new CrossSelection(space, null);
    }

    /** @param indices distinct indices of the space, in any order */
    public static CrossSelection of(int space, int[] indices) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= space || i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("cross-tenant call " + sorted[i] + " is not a distinct index below " + space);
            }
        }
        return new CrossSelection(space, sorted);
    }

    public int size() {
        return indices == null ? space : indices.length;
    }

    /** The space's index of the {@code i}-th selected call. */
    public int index(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("cross-tenant call " + i + " of " + size());
        }
        return indices == null ? i : indices[i];
    }

    public boolean all() {
        return indices == null;
    }
}
