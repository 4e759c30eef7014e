// Signature stub of org.kohsuke.stapler.AncestorInPath from org.kohsuke.stapler:stapler (the version jenkins-core 2.504.3 pins); declarations only, never shipped.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {
}
