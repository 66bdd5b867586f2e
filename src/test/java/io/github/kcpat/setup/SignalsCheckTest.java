package io.github.kcpat.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

class SignalsCheckTest {

    /** A realm with these attributes whose clients with {@code ssf.enabled=true} are these. */
    private static RealmModel realm(Map<String, String> attributes, ClientModel... receivers) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "searchClientByAttributes" -> Map.of("ssf.enabled", "true").equals(args[0])
                            ? Stream.of(receivers) : Stream.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClientModel client(String clientId, boolean enabled) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getClientId" -> clientId;
                    case "isEnabled" -> enabled;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Map<String, String> OPTED_IN = Map.of("ssf.transmitterEnabled", "true");

    @Test
    void withoutTheTransmitterItIsInformationWithTheWayToTurnThemOn() {
        Finding finding = SignalsCheck.of(false, realm(OPTED_IN, client("rs", true)));
        assertEquals("SIGNALS_OFF", finding.code());
        assertEquals(Finding.INFO, finding.level());
        assertTrue(finding.fix().contains("--features=ssf") && finding.fix().contains(SignalsCheck.GUIDE), finding.fix());
    }

    @Test
    void aRealmThatDidNotOptInIsInformation() {
        Finding finding = SignalsCheck.of(true, realm(Map.of(), client("rs", true)));
        assertEquals("SIGNALS_OFF", finding.code());
        assertEquals(Finding.INFO, finding.level());
    }

    @Test
    void anOptedInRealmWithNoEnabledReceiverIsToFix() {
        Finding finding = SignalsCheck.of(true, realm(OPTED_IN, client("rs", false)));
        assertEquals("SIGNALS_NO_RECEIVER", finding.code());
        assertTrue(finding.toFix());
    }

    @Test
    void signalsThatReachReceiversNameThem() {
        Finding finding = SignalsCheck.of(true, realm(OPTED_IN, client("rs-b", true), client("rs-a", true)));
        assertEquals("SIGNALS_ON", finding.code());
        assertEquals(Finding.INFO, finding.level());
        assertTrue(finding.message().contains("rs-a, rs-b"), finding.message());
    }

    /** The health check's link to Keycloak's SSF guide is the one the docs give (confirmed to exist, see admin-guide.md). */
    @Test
    void theGuideIsTheOneTheDocsLink() throws IOException {
        for (String page : new String[] {"docs/admin-guide.md", "docs/signals.md"}) {
            assertTrue(Files.readString(Path.of(page)).contains(SignalsCheck.GUIDE), page + " links " + SignalsCheck.GUIDE);
        }
    }
}
