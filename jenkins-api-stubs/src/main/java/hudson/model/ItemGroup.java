// Signature stub of hudson.model.ItemGroup from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

public interface ItemGroup<T extends Item> extends ModelObject {
    default <T extends Item> Iterable<T> allItems(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
