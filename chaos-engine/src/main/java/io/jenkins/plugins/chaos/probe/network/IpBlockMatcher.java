package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An {@code ipBlock} peer: a CIDR minus its {@code except} CIDRs, IPv4 or IPv6. */
final class IpBlockMatcher {

    // Only IP literals: InetAddress would otherwise resolve a host name through DNS.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final Cidr cidr;
    private final List<Cidr> except;

    private IpBlockMatcher(Cidr cidr, List<Cidr> except) {
        this.cidr = cidr;
        this.except = except;
    }

    static IpBlockMatcher compile(IPBlock block, String fieldPath) {
        Cidr cidr = Cidr.parse(block.getCidr(), fieldPath + ".cidr");
        List<Cidr> except = new ArrayList<>();
        List<String> raw = block.getExcept() == null ? List.of() : block.getExcept();
        for (int i = 0; i < raw.size(); i++) {
            Cidr inner = Cidr.parse(raw.get(i), fieldPath + ".except[" + i + "]");
            if (!cidr.contains(inner.base) || inner.prefix < cidr.prefix) {
                throw new IllegalArgumentException(fieldPath + ".except[" + i + "] '" + raw.get(i)
                        + "' must lie within cidr '" + block.getCidr() + "'");
            }
            except.add(inner);
        }
        return new IpBlockMatcher(cidr, List.copyOf(except));
    }

    /** False for an endpoint without a known IP: a pod IP is only compared when the snapshot has one. */
    boolean matches(String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        byte[] address = parseAddress(ip, "ip");
        if (!cidr.contains(address)) {
            return false;
        }
        for (Cidr excluded : except) {
            if (excluded.contains(address)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ipBlock " + cidr.text + (except.isEmpty() ? "" : " except " + except.stream().map(c -> c.text).toList());
    }

    static byte[] parseAddress(String ip, String fieldPath) {
        if (ip == null || !IP_LITERAL.matcher(ip).matches()) {
            throw new IllegalArgumentException(fieldPath + " '" + ip + "' is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(fieldPath + " '" + ip + "' is not an IPv4 or IPv6 address", e);
        }
    }

    private record Cidr(String text, byte[] base, int prefix) {

        static Cidr parse(String text, String fieldPath) {
            if (text == null || !text.contains("/")) {
                throw new IllegalArgumentException(fieldPath + " '" + text + "' is not a CIDR such as 10.0.0.0/24 or fd00::/64");
            }
            String[] parts = text.split("/", 2);
            byte[] base = parseAddress(parts[0], fieldPath);
            int prefix;
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(fieldPath + " '" + text + "' has a prefix length that is not a number");
            }
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException(fieldPath + " '" + text + "' has prefix length " + prefix
                        + "; allowed 0.." + base.length * 8);
            }
            return new Cidr(text, base, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false; // an IPv4 block never admits an IPv6 address and vice versa
            }
            int bits = base.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, base).and(mask));
        }
    }
}
