package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * fabric8's CRUD dispatcher with the three things a Chaos Mesh playground needs that it lacks: the discovery documents kubectl needs ({@link ApiDiscovery}), server-side dry run
 * (the mock would persist a {@code dryRun=All} request; a real API server never does) and a hook that tells the
 * simulators (Chaos Mesh, probe pods) which path changed, so that they react as a watch would, without polling.
 */
final class PlaygroundDispatcher extends KubernetesCrudDispatcher {

    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Duration createLatency = Duration.ZERO;
    private final ApiDiscovery discovery = new ApiDiscovery();

    ApiDiscovery discovery() {
        return discovery;
    }

    @Override
    public MockResponse handleGet(String path) {
        return discovery.answer(path).orElseGet(() -> super.handleGet(path));
    }

    /** Adds a listener; every listener hears every change (the Chaos Mesh and the probe pod simulators). */
    void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    /**
     * Delays the answer to every create by this long, after the object is stored: a create whose resource exists on
     * the cluster while its answer is still on the way, the window a signal must not leave a fault behind in.
     */
    void setCreateLatency(Duration latency) {
        createLatency = latency;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (isDryRun(request.getPath())) {
            // Echo the object as the API server would after admission, without storing it.
            return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
        }
        MockResponse response = super.handleCreate(request);
        Duration latency = createLatency;
        return latency.isZero() ? response : response.setBodyDelay(latency);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        if (isDryRun(request.getPath())) {
            return new MockResponse().setResponseCode(200).setBody(request.getUtf8Body());
        }
        return super.handleUpdate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        if (isDryRun(request.getPath())) {
            return handleGet(request.getPath());
        }
        return super.handlePatch(request);
    }

    @Override
    public MockResponse handleDelete(String path) {
        if (isDryRun(path)) {
            return handleGet(path);
        }
        return super.handleDelete(path);
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        changeListeners.forEach(listener -> listener.accept(path));
    }

    static boolean isDryRun(String path) {
        int query = path.indexOf('?');
        return query >= 0 && path.substring(query + 1).matches("(.*&)?dryRun=All(&.*)?");
    }
}
