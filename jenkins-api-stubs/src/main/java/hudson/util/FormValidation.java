// Signature stub of hudson.util.FormValidation from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
// (its HttpResponse interface is left out: the plugin only returns validations to Stapler)
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private FormValidation() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    // The format overloads take part in overload resolution (a method reference such as FormValidation::error).
    public static FormValidation error(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(Throwable e, String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(Throwable e, String message) {
        throw new UnsupportedOperationException();
    }

    public abstract String renderHtml();
}
