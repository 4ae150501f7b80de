package org.openimps.ssp.config;

import static org.openimps.ssp.config.TestConfigs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(config.peers().get(0), config.unlistedPeers().forDomain("found.test"));
    }

    @Test
    void aChangedCopyLeavesTheLoadedConfigurationAlone() {
        PeerConfig loaded = parse("""
                {"domain": "alpha.test", "peers": [{"domain": "beta.test", %s}]}""".formatted(POLICY)).peers().get(0);
        PeerConfig denied = loaded.withAllowed(false).withSecretEncoding(SecretEncoding.HEX);
        assertTrue(loaded.allowed());
        assertEquals(SecretEncoding.BASE64, loaded.secretEncoding());
        assertNotEquals(loaded, denied);
        assertEquals(7, denied.pipelineDepth(), "the rest is kept");
    }
}
