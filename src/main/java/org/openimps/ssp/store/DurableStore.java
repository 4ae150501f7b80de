package org.openimps.ssp.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Stores outbound requests; returns their ids (the delivery order), in order. */
    public List<Long> enqueue(List<OutboxRecord> records) {
        records.forEach(em::persist);
        em.flush();
        return records.stream().map(OutboxRecord::getId).toList();
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
     * In one transaction, for each candidate in order: the record of its inbound transaction if there is one
     * (stored before, or earlier in this list), else the candidate, now stored (the unique key makes a
     * concurrent duplicate from another writer fail the transaction).
     *
     * @return per candidate, the record and whether it is the candidate just stored
     */
    public List<Admitted> admit(List<InboundRecord> candidates) {
        Map<List<String>, InboundRecord> known = new HashMap<>();
        List<Admitted> admitted = new ArrayList<>(candidates.size());
        for (InboundRecord candidate : candidates) {
            List<String> key = key(candidate);
            InboundRecord seen = known.containsKey(key) ? known.get(key) : stored(candidate).orElse(null);
            if (seen == null) {
                em.persist(candidate);
                known.put(key, candidate);
            }
            admitted.add(seen == null ? new Admitted(candidate, true) : new Admitted(seen, false));
        }
        em.flush();
        return admitted;
    }

    /**
     * One lookup per key, by all three columns of the unique key: H2 uses an index for an IN list only on the
     * index's first column, so one IN query over the transaction ids scanned every record of the peer. No
     * flush before it: the candidates of this batch are known here, and their inserts go out as one batch.
     */
    private Optional<InboundRecord> stored(InboundRecord candidate) {
        return em.createQuery("select r from InboundRecord r where r.localDomain = :l and r.peerDomain = :p"
                        + " and r.transactionId = :t", InboundRecord.class)
                .setParameter("l", candidate.getLocalDomain()).setParameter("p", candidate.getPeerDomain())
                .setParameter("t", candidate.getTransactionId()).setFlushMode(FlushModeType.COMMIT)
                .getResultStream().findFirst();
    }

    private static List<String> key(InboundRecord r) {
        return List.of(r.getLocalDomain(), r.getPeerDomain(), r.getTransactionId());
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
