package org.openimps.ssp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.testing.TestClock;

class SessionRegistryTest {
    private final SessionRegistry registry = new SessionRegistry(3, Clock.systemUTC());

    @Test
    void expireDropsSessionsWhoseTimeToLiveHasPassedAndKeepsLiveOnes() {
        registry.add(new PeerSession("old.example", Role.REQUESTOR, "o1", "t1", Instant.now().minusSeconds(1)));
        registry.add(new PeerSession("new.example", Role.REQUESTOR, "o2", "t2", Instant.now().plusSeconds(3600)));
        registry.expire();
        assertEquals(1, registry.all().size());
        assertTrue(registry.byTheirSessionId("t1").isEmpty());
        assertTrue(registry.byTheirSessionId("t2").isPresent());
    }

    @Test
    void newHandshakeReplacesTheSessionWhileTheReplacedOneStillAnswersItsTransactionsInFlight() {
        registry.add(new PeerSession("Peer.Example", Role.PROVIDER, "o1", "t1", Instant.now().plusSeconds(60)));
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o2", "t2", Instant.now().plusSeconds(60)));
        assertEquals("o2", registry.current("PEER.example", Role.PROVIDER).orElseThrow().ourSessionId());
        assertEquals("o1", registry.byTheirSessionId("t1").orElseThrow().ourSessionId());
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o3", "t3", Instant.now().plusSeconds(60)));
        assertTrue(registry.byTheirSessionId("t1").isEmpty(), "only the last replaced session is kept");
        assertEquals("o2", registry.byTheirSessionId("t2").orElseThrow().ourSessionId());
        assertEquals(1, registry.all().size());
    }

    @Test
    void aPeerThatNamesEverySessionAlikeCanStillRenewIt() {
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o1", "1@peer.example", Instant.now().plusSeconds(60)));
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o2", "1@peer.example", Instant.now().plusSeconds(60)));
        assertEquals("o2", registry.byTheirSessionId("1@peer.example").orElseThrow().ourSessionId());
    }

    @Test
    void removingADomainDropsItsCurrentAndReplacedSessions() {
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o1", "t1", Instant.now().plusSeconds(60)));
        registry.add(new PeerSession("peer.example", Role.PROVIDER, "o2", "t2", Instant.now().plusSeconds(60)));
        registry.add(new PeerSession("peer.example", Role.REQUESTOR, "o3", "t3", Instant.now().plusSeconds(60)));
        registry.removeDomain("PEER.example");
        assertTrue(registry.all().isEmpty());
        assertTrue(registry.byTheirSessionId("t1").isEmpty());
    }

    @Test
    void anotherPeerCannotTakeALiveSessionId() {
        registry.add(new PeerSession("a.example", Role.PROVIDER, "o1", "same", Instant.now().plusSeconds(60)));
        assertThrows(SessionSetupException.class, () ->
                registry.add(new PeerSession("b.example", Role.PROVIDER, "o2", "same", Instant.now().plusSeconds(60))));
    }

    @Test
    void atTheBoundASessionWithANewPeerTakesThePlaceOfTheOneUsedLongestAgo() {
        TestClock clock = new TestClock();
        SessionRegistry bounded = new SessionRegistry(3, clock);
        Instant end = clock.instant().plusSeconds(3600);
        for (String peer : new String[] {"a", "b", "c"}) {
            bounded.add(new PeerSession(peer + ".example", Role.REQUESTOR, "o-" + peer, "t-" + peer, end));
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        bounded.current("a.example", Role.REQUESTOR).orElseThrow(); // a is in use again: b is now the oldest
        clock.advance(java.time.Duration.ofSeconds(1));
        bounded.add(new PeerSession("d.example", Role.REQUESTOR, "o-d", "t-d", end));
        assertEquals(3, bounded.all().size());
        assertTrue(bounded.current("b.example", Role.REQUESTOR).isEmpty(), "b, used longest ago, made room");
        assertTrue(bounded.byTheirSessionId("t-b").isEmpty());
        assertTrue(bounded.current("a.example", Role.REQUESTOR).isPresent());
        assertTrue(bounded.current("d.example", Role.REQUESTOR).isPresent());
    }
}
