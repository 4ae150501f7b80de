package org.openimps.ssp.config;

import static org.openimps.ssp.config.TestConfigs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration records: a key left out takes its default, a key given keeps the others' defaults. */
class ConfigRecordsTest {

    @Test
    void blocksLeftOutAreTheirDefaults() {
        SspConfig config = parse("{\"domain\": \"a.test\"}");
        assertEquals(DnsConfig.defaults(), config.dns());
        assertEquals(List.of(), config.dns().servers());
        assertEquals(2_000, config.dns().timeoutMillis());
        assertFalse(config.bridge().isEnabled());
        assertEquals(5_000, config.bridge().callbackTimeoutMillis());
        assertEquals(64, config.unlistedPeers().pipelineDepth());
    }

    @Test
    void aFileWithOnlyDomainAndPeersIsTheProgrammaticDefault() {
        SspConfig read = parse("""
                {"domain": "a.test", "peers": [{"domain": "b.test", "url": "http://127.0.0.1:9/ssp"}]}""");
        assertEquals(SspConfig.of("a.test", new PeerConfig("b.test", "http://127.0.0.1:9/ssp")), read);
        assertEquals(65_536, read.maxBodyBytes());
        assertEquals("/ssp", read.path());
        assertFalse(read.openFederation());
        assertEquals(300, read.sessionRenewBefore().toSeconds());
    }

    @Test
    void aValueGivenReplacesOnlyItsDefault() {
        SspConfig read = parse("{\"domain\": \"a.test\", \"sessionTimeToLiveSeconds\": 400, \"openFederation\": true}");
        assertEquals(200, read.sessionRenewBefore().toSeconds(), "at most half the timeToLive");
        assertTrue(read.openFederation());
        assertEquals(3_600, read.deliveryExpiry().toSeconds());
    }

    @Test
    void aBlockWithSomeKeysKeepsTheDefaultsOfTheRest() {
        SspConfig config = parse("""
                {"domain": "a.test", "dns": {"servers": ["127.0.0.1:5353"], "negativeCacheSeconds": 5},
                 "bridge": {"callbackUrl": "http://127.0.0.1:9/cb"}}""");
        assertEquals(new DnsConfig(List.of("127.0.0.1:5353"), 2_000, 3_600, 5, 1_024), config.dns());
        assertTrue(config.bridge().isEnabled());
        assertEquals(5_000, config.bridge().callbackTimeoutMillis());
    }

    @Test
    void theReferenceServiceReadsItsUsersAndEveryGreeting() {
        SspConfig config = parse("""
                {"domain": "a.test", "reference": {"users": ["alice"], "httpApi": true,
                 "greeting": {"from": "alice", "to": "wv:bob@b.test", "text": "hi"},
                 "greetings": [{"from": "alice", "to": "wv:carol@c.test", "text": "hello"}]}}""");
        ReferenceServiceConfig reference = config.reference();
        assertEquals(List.of("alice"), reference.users());
        assertTrue(reference.httpApi());
        assertEquals(60, reference.apiWait().toSeconds());
        assertEquals(List.of(new ReferenceServiceConfig.Greeting("alice", "wv:bob@b.test", "hi"),
                new ReferenceServiceConfig.Greeting("alice", "wv:carol@c.test", "hello")), reference.allGreetings());
        assertEquals(ReferenceServiceConfig.defaults(), parse("{\"domain\": \"a.test\"}").reference());
    }
}
