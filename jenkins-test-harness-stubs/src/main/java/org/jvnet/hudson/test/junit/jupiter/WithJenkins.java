// Signature stub of org.jvnet.hudson.test.junit.jupiter.WithJenkins from org.jenkins-ci.main:jenkins-test-harness:2537.v48fd29a_7070d; declarations only, never shipped.
// The real annotation is meta-annotated @ExtendWith(JenkinsExtension.class); without Jenkins there is nothing to extend with.
package org.jvnet.hudson.test.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkins {
}
