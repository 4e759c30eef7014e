package io.jenkins.plugins.chaos.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The highest heap use seen while it runs. Heap use peaks just before a collection, which a sampler easily misses,
 * so the heap as each GC found it (from the GC notifications) is counted as well as periodic samples, which cover
 * the stretch after the last collection.
 */
final class HeapPeakMonitor implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools;
    private final AtomicLong peak = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapPeakMonitor(Duration interval) {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        NotificationListener beforeGc = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(beforeGc, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(beforeGc);
                    } catch (ListenerNotFoundException ignored) {
                        // already gone: nothing to undo
                    }
                });
            }
        }
        sample();
        long millis = Math.max(1, interval.toMillis());
        sampler = DaemonThreads.daemon("heap-peak-sampler", () -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
    }

    /** Starts watching; {@code interval} is how often the heap is sampled between collections. */
    static HeapPeakMonitor start(Duration interval) {
        return new HeapPeakMonitor(interval);
    }

    /** The highest heap use seen so far, in bytes. */
    long peakBytes() {
        sample();
        return peak.get();
    }

    /** The heap's limit (-Xmx), in bytes, or -1 when the JVM has none. */
    long maxBytes() {
        return memory.getHeapMemoryUsage().getMax();
    }

    private void sample() {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        for (var entry : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(entry.getKey())) {
                MemoryUsage usage = entry.getValue();
                before += usage.getUsed();
            }
        }
        long heapBeforeGc = before;
        peak.accumulateAndGet(heapBeforeGc, Math::max);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        unsubscribe.forEach(Runnable::run);
    }
}
