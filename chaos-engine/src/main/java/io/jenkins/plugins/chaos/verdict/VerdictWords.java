package io.jenkins.plugins.chaos.verdict;

/** What a verdict means, in the words the console, the build and the CLI's closing line use: spelled once. */
public final class VerdictWords {

    private VerdictWords() {
    }

    /** The CLI's closing line: what the verdict means for the platform. */
    public static String headline(RunResult result) {
        return switch (result.verdict()) {
            case PASSED -> "every check held";
            case WARNING -> result.count(Verdict.WARNING) + " warning(s): degraded but safe";
            case ERROR -> result.count(Verdict.ERROR) + " check(s) could not run";
            case CRITICAL -> result.count(Verdict.CRITICAL) + " critical breach(es)";
        };
    }

    /** The build's one line: the count behind the verdict. */
    public static String counts(Verdict verdict, long critical, long errors, long warnings) {
        return switch (verdict) {
            case PASSED -> "passed";
            case WARNING -> warnings + " warning(s)";
            case ERROR -> errors + " check(s) could not run (infrastructure error)";
            case CRITICAL -> critical + " critical breach(es)";
        };
    }
}
