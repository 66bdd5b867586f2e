package io.github.kcpat.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressNetworkTest {

    @Test
    void ipv4IsCountedByItsSlash24() {
        assertEquals("192.0.2.0/24", AddressNetwork.of("192.0.2.77"));
        assertEquals("127.0.0.0/24", AddressNetwork.of("127.0.0.1"));
    }

    @Test
    void ipv6IsCountedByItsSlash64WhateverTheSpelling() {
        assertEquals("2001:db8:1:2::/64", AddressNetwork.of("2001:db8:1:2::a"));
        assertEquals("2001:db8:1:2::/64", AddressNetwork.of("2001:0DB8:0001:0002:ffff:0:0:b"));
        assertEquals("2001:db8:1:2::/64", AddressNetwork.of("[2001:db8:1:2::c]"));
        assertEquals("fe80:0:0:0::/64", AddressNetwork.of("fe80::1%eth0"));
        assertEquals("0:0:0:0::/64", AddressNetwork.of("0:0:0:0:0:0:0:1"), "loopback as Keycloak spells it");
        assertEquals("0:0:0:0::/64", AddressNetwork.of("::1"));
        assertEquals("2001:db8:0:0::/64", AddressNetwork.of("2001:db8::"));
    }

    @Test
    void ipv4MappedIpv6CountsAsIpv4() {
        assertEquals("192.0.2.0/24", AddressNetwork.of("::ffff:192.0.2.9"));
        assertEquals("192.0.2.0/24", AddressNetwork.of("0:0:0:0:0:ffff:c000:209"));
    }

    @Test
    void anythingElseIsItsOwnNetwork() {
        for (String odd : new String[] {"", "localhost", "1.2.3", "1.2.3.256", "1:2:3", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "12345::1", "g::1"}) {
            assertEquals(odd, AddressNetwork.of(odd));
        }
    }
}
