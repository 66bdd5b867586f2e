package io.github.kcpat.account;

import java.util.Locale;

/**
 * The network a client address belongs to for the revoke rate limit: its IPv4 /24 or its IPv6 /64, the block one
 * party usually holds whole (one host, one subscriber line, one cloud subnet). IPv4-mapped IPv6 addresses count as
 * IPv4. Parsed by hand, never through {@code InetAddress}, which may ask DNS about a string that is not a literal.
 * Anything that is not an IP literal is its own network.
 */
final class AddressNetwork {

    private AddressNetwork() {
    }

    static String of(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        int[] v4 = ipv4(literal);
        if (v4 != null) {
            return ipv4Network(v4[0], v4[1], v4[2]);
        }
        int[] v6 = literal.indexOf(':') >= 0 ? ipv6(literal) : null;
        if (v6 == null) {
            return address;
        }
        if (v6[0] == 0 && v6[1] == 0 && v6[2] == 0 && v6[3] == 0 && v6[4] == 0 && v6[5] == 0xffff) {
            return ipv4Network(v6[6] >> 8, v6[6] & 0xff, v6[7] >> 8);
        }
        return String.format(Locale.ROOT, "%x:%x:%x:%x::/64", v6[0], v6[1], v6[2], v6[3]);
    }

    private static String ipv4Network(int a, int b, int c) {
        return a + "." + b + "." + c + ".0/24";
    }

    /** The four octets of a dotted quad, or null. */
    private static int[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            octets[i] = Integer.parseInt(parts[i]);
            if (octets[i] > 255) {
                return null;
            }
        }
        return octets;
    }

    /** The eight 16-bit groups of an IPv6 literal (with {@code ::} and a trailing dotted quad allowed), or null. */
    private static int[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap >= 0 ? text.substring(0, gap) : text);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2)) : new int[0];
        if (head == null || tail == null || head.length + tail.length > (gap >= 0 ? 7 : 8)
                || (gap < 0 && head.length != 8)) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] v4 = ipv4(parts[parts.length - 1]);
        int count = parts.length + (v4 != null ? 1 : 0);
        int[] groups = new int[count];
        for (int i = 0; i < parts.length - (v4 != null ? 1 : 0); i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return null;
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        if (v4 != null) {
            groups[count - 2] = v4[0] << 8 | v4[1];
            groups[count - 1] = v4[2] << 8 | v4[3];
        }
        return groups;
    }
}
