package io.jenkins.plugins.chaos.support;

import io.jenkins.plugins.chaos.cli.ChaosCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI in-process, with its exit code and everything it printed captured. */
public final class CliSupport {

    private CliSupport() {
    }

    /** One CLI invocation: its exit code and everything it printed. */
    public record CliRun(int exit, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    public static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = ChaosCli.execute(args, o, e);
        }
        return new CliRun(exit, out.toString(), err.toString());
    }
}
