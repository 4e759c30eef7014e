package io.jenkins.plugins.chaos.core;

import java.util.Collection;
import java.util.Locale;

/** The closest allowed word to a misspelt one, so that an error can say what the user probably meant. */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest candidate (case-insensitive edit distance), or null when none is close enough to be a typo. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** " (did you mean 'X'?)" or nothing. */
    public static String hint(String word, Collection<String> candidates) {
        String closest = closest(word, candidates);
        return closest == null ? "" : " (did you mean '" + closest + "'?)";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
