package io.jenkins.plugins.chaos.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, so that a test can stop it from outside as CI does (SIGTERM on abort, SIGINT from a
 * terminal, SIGHUP when the agent's session ends, SIGKILL from the OOM killer). Its console goes to a log file.
 */
public final class ChildCli implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildCli(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code chaos ARGS...} in {@code dir}; {@code jvmOptions} go before the main class (e.g. -Dkey=value). */
    public static ChildCli start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        // Surefire may hide the real class path behind a manifest-only jar; its own property names every entry.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.jenkins.plugins.chaos.cli.ChaosCli"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildCli(process, log);
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the child has printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Sends a signal by name (TERM, INT, HUP, KILL) with the system's kill(1), as a CI agent's process tree would. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
