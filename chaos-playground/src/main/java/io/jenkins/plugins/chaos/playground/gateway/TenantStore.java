package io.jenkins.plugins.chaos.playground.gateway;

import io.jenkins.plugins.chaos.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Each tenant's records on a simulated volume in the tenant's namespace. IOChaos on that volume acts on the I/O:
 * {@code latency} slows reads and writes, {@code fault} fails them with the errno, {@code mistake} corrupts the bytes
 * read. The store keeps a SHA-256 per record, as a database keeps page checksums, so that its caller can tell
 * corrupted bytes from good ones.
 */
public final class TenantStore {

    /** What the volume returned: the bytes, and the digest written with them. */
    public record Read(byte[] content, String writtenDigest) {
        public boolean intact() {
            return sha256(content).equals(writtenDigest);
        }
    }

    /** An I/O error on the volume, as IOChaos fault makes the system call return. */
    public static final class VolumeError extends IOException {
        VolumeError(String message) {
            super(message);
        }
    }

    public static final int MAX_RECORDS_PER_TENANT = 1000;
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    private final StoreVolumeFaults faults;
    private final Map<String, Map<String, Read>> records = new ConcurrentHashMap<>();

    public TenantStore(StoreVolumeFaults faults) {
        this.faults = faults;
    }

    public void write(String tenant, String id, byte[] content) throws VolumeError {
        io(tenant, "write");
        Map<String, Read> own = records.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        if (!own.containsKey(id) && own.size() >= MAX_RECORDS_PER_TENANT) {
            throw new VolumeError("ENOSPC: tenant " + tenant + " has " + MAX_RECORDS_PER_TENANT + " records");
        }
        own.put(id, new Read(content.clone(), sha256(content)));
    }

    public Optional<Read> read(String tenant, String id) throws VolumeError {
        StoreVolumeFaults.IoFault fault = io(tenant, "read");
        Read stored = records.getOrDefault(tenant, Map.of()).get(id);
        if (stored == null) {
            return Optional.empty();
        }
        byte[] bytes = stored.content().clone();
        if (fault != null && "mistake".equals(fault.action()) && fault.affects("read") && hit(fault.percent())) {
            corrupt(bytes, fault);
        }
        return Optional.of(new Read(bytes, stored.writtenDigest()));
    }

    public boolean delete(String tenant, String id) throws VolumeError {
        io(tenant, "unlink");
        return records.getOrDefault(tenant, Map.of()).remove(id) != null;
    }

    /** How many records a tenant has; tests use it to see that canaries were deleted. */
    public int count(String tenant) {
        return records.getOrDefault(tenant, Map.of()).size();
    }

    public int total() {
        return records.values().stream().mapToInt(Map::size).sum();
    }

    /** Latency and I/O errors for {@code method}; returns the fault in effect (null if none). */
    private StoreVolumeFaults.IoFault io(String tenant, String method) throws VolumeError {
        StoreVolumeFaults.IoFault fault = faults.on(TenantBackends.namespaceOf(tenant));
        if (fault == null || !fault.affects(method)) {
            return fault;
        }
        if ("latency".equals(fault.action()) && hit(fault.percent())) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VolumeError("interrupted");
            }
        }
        if ("fault".equals(fault.action()) && hit(fault.percent())) {
            throw new VolumeError("errno " + fault.errno() + " on " + method);
        }
        return fault;
    }

    private static void corrupt(byte[] bytes, StoreVolumeFaults.IoFault fault) {
        if (bytes.length == 0) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int places = Math.max(1, fault.maxOccurrences());
        for (int p = 0; p < places; p++) {
            int start = random.nextInt(bytes.length);
            int length = Math.min(bytes.length - start, Math.max(1, fault.maxLength()));
            for (int i = start; i < start + length; i++) {
                byte replacement = "zero".equals(fault.filling()) ? 0 : (byte) random.nextInt(256);
                // a mistake that writes the same byte back changes nothing; Chaos Mesh's does change the data
                bytes[i] = replacement == bytes[i] ? (byte) (bytes[i] ^ 0x5a) : replacement;
            }
        }
    }

    private static boolean hit(int percent) {
        return percent >= 100 || ThreadLocalRandom.current().nextInt(100) < percent;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    static Optional<String> contentOf(String body) {
        return Json.object(body).map(n -> n.path("content")).filter(n -> n.isTextual()).map(n -> n.asText());
    }
}
