// Signature stub of hudson.model.Descriptor from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }
    }
}
