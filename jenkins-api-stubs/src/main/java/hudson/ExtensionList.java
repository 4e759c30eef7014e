// Signature stub of hudson.ExtensionList from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException();
    }

    public static <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException();
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
