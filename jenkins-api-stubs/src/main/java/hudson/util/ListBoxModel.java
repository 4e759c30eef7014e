// Signature stub of hudson.util.ListBoxModel from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
// (its HttpResponse interface is left out: the plugin only returns the model to Stapler)
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            throw new UnsupportedOperationException();
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException();
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException();
    }
}
