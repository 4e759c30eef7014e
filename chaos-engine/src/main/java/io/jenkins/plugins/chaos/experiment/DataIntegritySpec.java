package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * The data-integrity probe of an experiment ({@code probes.dataIntegrity}): canary records written for each tenant
 * through the gateway before the faults, read back and compared by content digest while they are active and after,
 * and always deleted at the end.
 *
 * @param gateway        the gateway's base URL
 * @param tenants        the tenants whose data is checked, with their tokens
 * @param write          e.g. {@code PUT /v1/tenants/{tenant}/records/{record}}
 * @param read           e.g. {@code GET /v1/tenants/{tenant}/records/{record}}
 * @param delete         e.g. {@code DELETE /v1/tenants/{tenant}/records/{record}}
 * @param body           the write's body, {@code {content}} replaced by the canary's content
 * @param contentField   the JSON field of the read's answer that holds the content
 * @param records        canaries per tenant (default 3)
 * @param readsDuringFault how many times each canary is read while the faults are active (default 3)
 * @param timeout        per request (default 5s)
 */
public record DataIntegritySpec(String gateway, List<TenantSpec> tenants, String write, String read, String delete,
                                String body, String contentField, Integer records, Integer readsDuringFault,
                                String timeout) implements Serializable {

    public DataIntegritySpec {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }
}
