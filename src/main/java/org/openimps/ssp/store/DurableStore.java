package org.openimps.ssp.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JPA side of the outbound queue and the dedupe records, one short JTA transaction per call. Callers run
 * on managed threads; a failure surfaces as a {@code RuntimeException} (e.g. {@code PersistenceException}).
 */
@ApplicationScoped
@Transactional
public class DurableStore {
    /** Most ids in one IN list. */
    private static final int BATCH = 500;

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

    /**
     * In one transaction: the record of this inbound transaction if there is one, else {@code candidate}, now
     * stored (the unique key makes a concurrent duplicate fail here).
     *
     * @return the record, and whether it is the candidate just stored
     */
    public Admitted admit(InboundRecord candidate) {
        Optional<InboundRecord> seen = em.createQuery("select r from InboundRecord r where r.localDomain = :l"
                        + " and r.peerDomain = :p and r.transactionId = :t", InboundRecord.class)
                .setParameter("l", candidate.getLocalDomain()).setParameter("p", candidate.getPeerDomain())
                .setParameter("t", candidate.getTransactionId()).getResultStream().findFirst();
        if (seen.isPresent()) {
            return new Admitted(seen.get(), false);
        }
        em.persist(candidate);
        em.flush();
        return new Admitted(candidate, true);
    }

    /** What {@link #admit} found or stored. */
    public record Admitted(InboundRecord record, boolean fresh) {
    }

    /** Turns a record over to a new transaction that reuses the id (a peer counting ids per session). */
    public void reuse(long id, String sessionId, String fingerprint, long receivedAtMillis) {
        InboundRecord record = em.find(InboundRecord.class, id);
        if (record != null) {
            record.restart(sessionId, fingerprint, receivedAtMillis);
        }
    }

    /** Many small writes in one transaction: delivered requests leave the outbox, answers join their records. */
    public void apply(List<Long> delivered, Map<Long, byte[]> answers) {
        for (int from = 0; from < delivered.size(); from += BATCH) {
            em.createQuery("delete from OutboxRecord r where r.id in :ids")
                    .setParameter("ids", delivered.subList(from, Math.min(delivered.size(), from + BATCH))).executeUpdate();
        }
        answers.forEach((id, answer) -> {
            InboundRecord record = em.find(InboundRecord.class, id);
            if (record != null) {
                record.setAnswer(answer);
            }
        });
    }

    /** Forgets inbound records received before the window; returns how many. */
    public int forgetInbound(String localDomain, long receivedBeforeMillis) {
        return em.createQuery("delete from InboundRecord r where r.localDomain = :l and r.receivedAtMillis < :t")
                .setParameter("l", localDomain).setParameter("t", receivedBeforeMillis).executeUpdate();
    }
}
