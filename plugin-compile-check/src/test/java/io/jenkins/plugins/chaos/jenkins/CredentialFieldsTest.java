package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every credential id the forms show is a drop-down of credentials: its descriptor has {@code doFill<Field>Items}
 * returning a ListBoxModel (Stapler's convention for an {@code f:select}), not a free-text box.
 */
class CredentialFieldsTest {

    @Test
    void everyCredentialIdHasACredentialsList() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> owner : List.of(ChaosInjectStep.class, TenantIsolationProbeStep.class, ProviderFailoverProbeStep.class,
                TenantArgument.class, ChaosGlobalConfiguration.class)) {
            Class<?> descriptor = owner == ChaosGlobalConfiguration.class ? owner
                    : Class.forName(owner.getName() + "$DescriptorImpl");
            for (Method getter : owner.getMethods()) {
                if (getter.getName().startsWith("get") && getter.getName().endsWith("CredentialsId")) {
                    String fill = "doFill" + getter.getName().substring(3) + "Items";
                    boolean found = false;
                    for (Method method : descriptor.getMethods()) {
                        found |= method.getName().equals(fill) && ListBoxModel.class.isAssignableFrom(method.getReturnType());
                    }
                    if (!found) {
                        missing.add(descriptor.getSimpleName() + "." + fill);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "free-text credential ids: " + missing);
    }
}
