package org.openimps.ssp.directory;

import static org.openimps.ssp.config.TestConfigs.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.testing.TestDnsServer;

class PeerDirectoryTest {

    @Test
    void srvPeerGetsItsTargetsInPriorityOrderHttpsBeforeHttpAndConnectsWhereOurDnsSaid() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.srv("beta.test", 20, 0, 8443, "backup.beta.test", 60)
                    .srv("beta.test", 10, 0, 8080, "node.beta.test", 60)
                    .a("node.beta.test", "127.0.0.7", 60)
                    .a("backup.beta.test", "127.0.0.8", 60);
            SspConfig config = parse("""
                    {"domain":"alpha.test","dns":{"servers":["%s"]},
                     "peers":[{"domain":"beta.test","path":"/beta/ssp"}]}""".formatted(dns.address()));
            HostAddresses hosts = new HostAddresses(config.dns());
            PeerDirectory directory = new PeerDirectory(config, new DnsSrvLookup(config.dns(), hosts), c -> { });

            List<URI> endpoints = directory.endpoints(directory.find("beta.test").orElseThrow());

            assertEquals(List.of(URI.create("https://node.beta.test:8080/beta/ssp"),
                    URI.create("http://node.beta.test:8080/beta/ssp"),
                    URI.create("https://backup.beta.test:8443/beta/ssp"),
                    URI.create("http://backup.beta.test:8443/beta/ssp")), endpoints);
            assertArrayEquals(new InetAddress[] {InetAddress.getByName("127.0.0.7")},
                    hosts.lookup("node.beta.test").orElseThrow());
        }
    }

    @Test
    void tlsRequiredNeverOffersHttpAndTlsOffNeverHttps() throws Exception {
        SrvLookup oneTarget = d -> List.of(new SrvRecord(0, 0, 443, "imps." + d, 60));
        SspConfig config = parse("""
                {"domain":"alpha.test","peers":[{"domain":"strict.test","tls":"REQUIRED"},
                 {"domain":"plain.test","tls":"OFF"}]}""");
        PeerDirectory directory = new PeerDirectory(config, oneTarget, c -> { });
        assertEquals(List.of(URI.create("https://imps.strict.test:443/")),
                directory.endpoints(directory.find("strict.test").orElseThrow()));
        assertEquals(List.of(URI.create("http://imps.plain.test:443/")),
                directory.endpoints(directory.find("plain.test").orElseThrow()));
    }

    @Test
    void aPeerPinnedByItsLastHandshakeIsTriedThereFirstAndItsTrafficGoesThere() throws Exception {
        SrvLookup twoTargets = d -> List.of(new SrvRecord(1, 0, 80, "a." + d, 60), new SrvRecord(2, 0, 80, "b." + d, 60));
        PeerDirectory directory = new PeerDirectory(parse("""
                {"domain":"alpha.test","peers":[{"domain":"beta.test","tls":"OFF"}]}"""), twoTargets, c -> { });
        var beta = directory.find("beta.test").orElseThrow();
        assertEquals(URI.create("http://a.beta.test:80/"), directory.target(beta));
        directory.pin(beta, URI.create("http://b.beta.test:80/"));
        assertEquals(List.of(URI.create("http://b.beta.test:80/"), URI.create("http://a.beta.test:80/")),
                directory.setupTargets(beta));
        assertEquals(URI.create("http://b.beta.test:80/"), directory.target(beta));
    }

    @Test
    void aNodeARedirectLedToKeepsItsSessionsTrafficButTheNextHandshakeStartsAtThePeersOwnEndpoint() throws Exception {
        PeerDirectory directory = new PeerDirectory(parse("""
                {"domain":"alpha.test","peers":[{"domain":"beta.test","url":"http://lb.beta.test/ssp"}]}"""),
                d -> List.of(), c -> { });
        var beta = directory.find("beta.test").orElseThrow();
        directory.pin(beta, URI.create("http://node2.beta.test/ssp"));
        assertEquals(URI.create("http://node2.beta.test/ssp"), directory.target(beta), "the session stays on its node");
        assertEquals(List.of(URI.create("http://lb.beta.test/ssp")), directory.setupTargets(beta),
                "a new setup goes to the balancer again");
    }

    @Test
    void aDomainWithoutSrvRecordsIsAClearDiscoveryError() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            SspConfig config = parse("""
                    {"domain":"alpha.test","dns":{"servers":["%s"]},"peers":[{"domain":"nowhere.test"}]}"""
                    .formatted(dns.address()));
            PeerDirectory directory = new PeerDirectory(config, new DnsSrvLookup(config.dns(), new HostAddresses(config.dns())), c -> { });
            DiscoveryException e = assertThrows(DiscoveryException.class,
                    () -> directory.endpoints(directory.find("nowhere.test").orElseThrow()));
            assertTrue(e.getMessage().contains("_imps-server._tcp.nowhere.test"), e.getMessage());
        }
    }

    /** dnsjava's cache keeps time by the wall clock, in whole seconds: TTLs of 2 s and waits just past them. */
    @Test
    void answersAreKeptForTheirTtlAndAbsenceForTheNegativeTtlAtMostNegativeCacheSeconds() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.srv("known.test", 0, 0, 80, "h.known.test", 2).a("h.known.test", "127.0.0.9", 2).negativeTtl(3600);
            SspConfig config = parse("""
                    {"domain":"a.test","dns":{"servers":["%s"],"negativeCacheSeconds":2}}""".formatted(dns.address()));
            DnsSrvLookup lookup = new DnsSrvLookup(config.dns(), new HostAddresses(config.dns()));
            String known = "_imps-server._tcp.known.test";
            String unknown = "_imps-server._tcp.unknown.test";
            lookup.lookup("known.test");
            lookup.lookup("KNOWN.test");
            lookup.lookup("unknown.test");
            lookup.lookup("unknown.test");
            assertEquals(1, dns.questionsAbout(known), "within the TTL");
            assertEquals(1, dns.questionsAbout(unknown), "absence kept too");
            Thread.sleep(3_100);
            assertEquals(1, lookup.lookup("known.test").size());
            lookup.lookup("unknown.test");
            assertEquals(2, dns.questionsAbout(known), "asked again once the TTL passed");
            assertEquals(2, dns.questionsAbout(unknown), "absence kept for negativeCacheSeconds, not the SOA's hour");
            lookup.close();
        }
    }

    @Test
    void withinAPriorityHeavierTargetsComeFirstInProportionToTheirWeight() {
        List<SrvRecord> records = List.of(new SrvRecord(5, 10, 1, "light", 60), new SrvRecord(5, 90, 2, "heavy", 60),
                new SrvRecord(1, 0, 3, "first", 60));
        java.util.Random random = new java.util.Random(42);
        int heavyFirst = 0;
        for (int i = 0; i < 1_000; i++) {
            List<SrvRecord> ordered = SrvOrder.order(new ArrayList<>(records), random);
            assertEquals("first", ordered.get(0).host());
            heavyFirst += ordered.get(1).host().equals("heavy") ? 1 : 0;
        }
        assertTrue(heavyFirst > 850 && heavyFirst < 950, "heavy drawn first " + heavyFirst + " times in 1000");
    }

    @Test
    void unlistedDomainsAreRefusedUnlessOpenFederationAndThenOnlyWellFormedOnes() throws Exception {
        SrvLookup none = d -> List.of();
        PeerDirectory closed = new PeerDirectory(parse("{\"domain\":\"a.test\"}"), none, c -> { });
        assertTrue(closed.find("stranger.test").isEmpty());
        PeerDirectory open = new PeerDirectory(parse("""
                {"domain":"a.test","openFederation":true,"unlistedPeers":{"tls":"REQUIRED","connectionPairs":2},
                 "peers":[{"domain":"banned.test","allowed":false}]}"""), none, c -> { });
        var stranger = open.find("Stranger.Test").orElseThrow();
        assertEquals("Stranger.Test", stranger.domain());
        assertEquals(2, stranger.connectionPairs());
        assertTrue(open.find("banned.test").isEmpty(), "a listed denial wins over open federation");
        assertTrue(open.find("bad domain/../x").isEmpty());
        assertTrue(open.find("-dash.test").isEmpty());
    }

    @Test
    void theDirectoryFileIsReloadedWhenItChangesAndABrokenOneKeepsTheLastGood(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peers.json");
        Files.writeString(file, """
                {"peers":[{"domain":"beta.test","url":"http://127.0.0.1:1/ssp","allowed":false}]}""");
        List<DirectoryChanged> changes = new ArrayList<>();
        SspConfig config = parse("""
                {"domain":"alpha.test","directoryFile":"%s",
                 "peers":[{"domain":"beta.test","url":"http://127.0.0.1:2/ssp"},{"domain":"gamma.test","url":"http://g/"}]}"""
                .formatted(file.toString().replace("\\", "\\\\")));
        PeerDirectory directory = new PeerDirectory(config, d -> List.of(), changes::add);
        assertTrue(directory.find("beta.test").isEmpty(), "the file's entry wins over the deployment's");
        assertTrue(directory.find("gamma.test").isPresent());

        write(file, """
                {"peers":[{"domain":"beta.test","url":"http://127.0.0.1:3/ssp"},{"domain":"delta.test","url":"http://d/"}]}""");
        directory.reloadIfChanged();
        assertEquals("http://127.0.0.1:3/ssp", directory.find("beta.test").orElseThrow().url());
        assertTrue(directory.find("delta.test").isPresent());
        assertEquals(List.of(new DirectoryChanged(java.util.Set.of("beta.test", "delta.test"))), changes);

        write(file, "{\"peers\":[{\"domain\":\"beta.test\",\"url\":\"ftp://x\"}]}");
        directory.reloadIfChanged();
        assertEquals("http://127.0.0.1:3/ssp", directory.find("beta.test").orElseThrow().url(), "kept");
        assertEquals(1, changes.size());
    }

    /** Writes and moves the modification time on, so a change within one clock tick is still seen. */
    private static void write(Path file, String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
    }
}
