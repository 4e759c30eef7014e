package io.jenkins.plugins.chaos.jenkins;

import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.Serializable;

/**
 * Engine progress lines into the build's console, with every known secret masked. Serializable so that it travels
 * with the work to the agent (the TaskListener it wraps is remotable).
 */
public final class ConsoleRunListener implements RunListener, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "[chaos] ";

    private final TaskListener listener;
    private final SecretRedactor redactor;

    public ConsoleRunListener(TaskListener listener, SecretRedactor redactor) {
        this.listener = listener;
        this.redactor = redactor;
    }

    @Override
    public void info(String line) {
        listener.getLogger().println(PREFIX + redactor.redact(line));
    }

    @Override
    public void warn(String line) {
        listener.getLogger().println(PREFIX + "WARNING: " + redactor.redact(line));
    }

    public SecretRedactor redactor() {
        return redactor;
    }
}
