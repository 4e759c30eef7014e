// Signature stub of org.kohsuke.stapler.StaplerRequest2 from org.kohsuke.stapler:stapler (the version jenkins-core 2.504.3 pins); declarations only, never shipped.
// (its HttpServletRequest super-interface is left out: the plugin only passes the request on)
package org.kohsuke.stapler;

import net.sf.json.JSONObject;

public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);

    <T> T bindJSON(Class<T> type, JSONObject src);
}
