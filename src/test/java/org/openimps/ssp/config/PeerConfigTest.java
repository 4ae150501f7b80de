package org.openimps.ssp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerConfigTest {
    /** Every key away from its default, so that a setting left behind shows. */
    private static final String POLICY = """
            "path": "/imps", "allowed": true, "tls": "REQUIRED", "sessionIdStyle": "NUMBER_AT_DOMAIN", "secretEncoding": "BASE64",
            "connectionPairs": 3, "trustStore": "/t.p12", "trustStorePassword": "tp", "keyStore": "/k.p12",
            "keyStorePassword": "kp", "mutualTls": true, "connectTimeoutMillis": 1234, "readTimeoutMillis": 4321,
            "pipelineDepth": 7, "pipelineStallMillis": 777, "retryMinMillis": 50, "retryMaxSeconds": 9""";

    @Test
    void anUnlistedDomainGetsEverySettingOfTheTemplateButTheDomain() {
        SspConfig config = parse("""
                {"domain": "alpha.test", "openFederation": true, "unlistedPeers": {%s},
                 "peers": [{"domain": "found.test", %s}]}""".formatted(POLICY, POLICY));
        assertEquals(config.getPeers().get(0), config.getUnlistedPeers().forDomain("found.test"));
    }

    @Test
    void aChangedCopyLeavesTheLoadedConfigurationAlone() {
        PeerConfig loaded = parse("""
                {"domain": "alpha.test", "peers": [{"domain": "beta.test", %s}]}""".formatted(POLICY)).getPeers().get(0);
        PeerConfig denied = loaded.withAllowed(false).withSecretEncoding(SecretEncoding.HEX);
        assertTrue(loaded.allowed());
        assertEquals(SecretEncoding.BASE64, loaded.secretEncoding());
        assertNotEquals(loaded, denied);
        assertEquals(7, denied.pipelineDepth(), "the rest is kept");
    }

    private static SspConfig parse(String json) {
        return new ConfigParser().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
