// Signature stub of net.sf.json.JSONObject from org.kohsuke.stapler:json-lib (the version jenkins-core 2.504.3 pins); declarations only, never shipped.
// (its AbstractJSON superclass and Map interface are left out: the plugin reads single values)
package net.sf.json;

public final class JSONObject {
    public JSONObject() {
        throw new UnsupportedOperationException();
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException();
    }

    public String optString(String key) {
        throw new UnsupportedOperationException();
    }

    public String optString(String key, String defaultValue) {
        throw new UnsupportedOperationException();
    }
}
