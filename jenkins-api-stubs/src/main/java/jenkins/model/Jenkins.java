// Signature stub of jenkins.model.Jenkins from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins.model;

import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import org.jvnet.hudson.reactor.ReactorException;
import org.springframework.security.access.AccessDeniedException;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = null;

    // the real class has no no-arg constructor: a subclass must pass the root directory and the servlet context
    protected Jenkins(File root, ServletContext context) throws IOException, InterruptedException, ReactorException {
        throw new UnsupportedOperationException();
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException();
    }

    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    public String getRootUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }
}
