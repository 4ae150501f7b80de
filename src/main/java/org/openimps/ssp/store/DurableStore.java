package org.openimps.ssp.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The JPA side of the outbound queue and the dedupe records, one short JTA transaction per call. Callers run
 * on managed threads; a failure surfaces as a {@code RuntimeException} (e.g. {@code PersistenceException}).
 */
@ApplicationScoped
@Transactional
public class DurableStore {
    @PersistenceContext(unitName = "ssp")
    private EntityManager em;

    /** Stores an outbound request; returns its id (the delivery order). */
    public long enqueue(OutboxRecord record) {
        em.persist(record);
        em.flush();
        return record.getId();
    }

    /** Removes a delivered or given-up request; false when it was already gone. */
    public boolean dequeue(long id) {
        return em.createQuery("delete from OutboxRecord r where r.id = :id")
                .setParameter("id", id).executeUpdate() > 0;
    }

    /** A page of the requests a previous run of this domain left undelivered, oldest first, after {@code afterId}. */
    public List<OutboxRecord> undelivered(String localDomain, long afterId, int pageSize) {
        return em.createQuery("select r from OutboxRecord r where r.localDomain = :d and r.id > :after order by r.id",
                        OutboxRecord.class)
                .setParameter("d", localDomain).setParameter("after", afterId).setMaxResults(pageSize).getResultList();
    }

    public long queued(String localDomain) {
        return em.createQuery("select count(r) from OutboxRecord r where r.localDomain = :d", Long.class)
                .setParameter("d", localDomain).getSingleResult();
    }

    public Optional<InboundRecord> inbound(String localDomain, String peerDomain, String transactionId) {
        return em.createQuery("select r from InboundRecord r where r.localDomain = :l and r.peerDomain = :p"
                        + " and r.transactionId = :t", InboundRecord.class)
                .setParameter("l", localDomain).setParameter("p", peerDomain).setParameter("t", transactionId)
                .getResultStream().findFirst();
    }

    /** Records a new inbound request; the unique key makes a concurrent duplicate fail here. */
    public long received(InboundRecord record) {
        em.persist(record);
        em.flush();
        return record.getId();
    }

    /** Turns a record over to a new transaction that reuses the id (a peer counting ids per session). */
    public void reuse(long id, String sessionId, String fingerprint, long receivedAtMillis) {
        InboundRecord record = em.find(InboundRecord.class, id);
        if (record != null) {
            record.restart(sessionId, fingerprint, receivedAtMillis);
        }
    }

    public void answered(long id, byte[] answer) {
        InboundRecord record = em.find(InboundRecord.class, id);
        if (record != null) {
            record.setAnswer(answer);
        }
    }

    /** Forgets inbound records received before the window; returns how many. */
    public int forgetInbound(String localDomain, long receivedBeforeMillis) {
        return em.createQuery("delete from InboundRecord r where r.localDomain = :l and r.receivedAtMillis < :t")
                .setParameter("l", localDomain).setParameter("t", receivedBeforeMillis).executeUpdate();
    }
}
