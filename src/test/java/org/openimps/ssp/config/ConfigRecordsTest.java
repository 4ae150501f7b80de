package org.openimps.ssp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration records: a key left out takes its default, a key given keeps the others' defaults. */
class ConfigRecordsTest {

    @Test
    void blocksLeftOutAreTheirDefaults() {
        SspConfig config = parse("{\"domain\": \"a.test\"}");
        assertEquals(DnsConfig.defaults(), config.getDns());
        assertEquals(List.of(), config.getDns().servers());
        assertEquals(2_000, config.getDns().timeoutMillis());
        assertFalse(config.getBridge().isEnabled());
        assertEquals(5_000, config.getBridge().callbackTimeoutMillis());
        assertEquals(64, config.getUnlistedPeers().pipelineDepth());
    }

    @Test
    void aBlockWithSomeKeysKeepsTheDefaultsOfTheRest() {
        SspConfig config = parse("""
                {"domain": "a.test", "dns": {"servers": ["127.0.0.1:5353"], "negativeCacheSeconds": 5},
                 "bridge": {"callbackUrl": "http://127.0.0.1:9/cb"}}""");
        assertEquals(new DnsConfig(List.of("127.0.0.1:5353"), 2_000, 3_600, 5, 1_024), config.getDns());
        assertTrue(config.getBridge().isEnabled());
        assertEquals(5_000, config.getBridge().callbackTimeoutMillis());
    }

    @Test
    void theReferenceServiceReadsItsUsersAndEveryGreeting() {
        SspConfig config = parse("""
                {"domain": "a.test", "reference": {"users": ["alice"], "httpApi": true,
                 "greeting": {"from": "alice", "to": "wv:bob@b.test", "text": "hi"},
                 "greetings": [{"from": "alice", "to": "wv:carol@c.test", "text": "hello"}]}}""");
        ReferenceServiceConfig reference = config.getReference();
        assertEquals(List.of("alice"), reference.users());
        assertTrue(reference.httpApi());
        assertEquals(60, reference.apiWait().toSeconds());
        assertEquals(List.of(new ReferenceServiceConfig.Greeting("alice", "wv:bob@b.test", "hi"),
                new ReferenceServiceConfig.Greeting("alice", "wv:carol@c.test", "hello")), reference.allGreetings());
        assertEquals(ReferenceServiceConfig.defaults(), parse("{\"domain\": \"a.test\"}").getReference());
    }

    private static SspConfig parse(String json) {
        return new ConfigParser().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
