package io.jenkins.plugins.chaos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** A kubeconfig that cannot be used; the message names the file and the line, never a line's content. */
final class KubeconfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KubeconfigException(String message) {
        // no cause: the cause's message would quote the file
        super(message, null, false, false);
    }

    /** " (YAML error at line L, column C)" when the parser said where, else nothing. */
    static String where(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                return " (YAML error at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            }
            if (cause instanceof JsonProcessingException json && json.getLocation() != null
                    && json.getLocation().getLineNr() > 0) {
                return " (YAML error at line " + json.getLocation().getLineNr() + ", column "
                        + json.getLocation().getColumnNr() + ")";
            }
        }
        return "";
    }
}
