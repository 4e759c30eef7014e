// Signature stub of org.kohsuke.stapler.HttpResponse from org.kohsuke.stapler:stapler (as Jenkins 2.504.3 ships it); declarations only, never shipped.
// The real interface declares generateResponse(StaplerRequest2, StaplerResponse2, Object); the tests only receive one.
package org.kohsuke.stapler;

public interface HttpResponse {
}
