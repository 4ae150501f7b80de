package org.openimps.ssp.binding.http.outbound;

/**
 * What our connections to a peer saw of its keep-alive, counted since they were made: a federation check reads it
 * before and after a burst and reports the difference.
 *
 * @param answers          HTTP answers received
 * @param closesAnnounced  answers that carried {@code Connection: close} (the peer ends the connection after it)
 * @param connectionsEnded connections given up, for any reason: announced closes, deaths, stalls, closed by us
 * @param keepAliveHeader  the last {@code Keep-Alive} header an answer carried (e.g. {@code timeout=5, max=100}), or null
 */
public record KeepAliveSeen(long answers, long closesAnnounced, long connectionsEnded, String keepAliveHeader) {
    public static final KeepAliveSeen NONE = new KeepAliveSeen(0, 0, 0, null);

    KeepAliveSeen plus(KeepAliveSeen other) {
        return new KeepAliveSeen(answers + other.answers, closesAnnounced + other.closesAnnounced,
                connectionsEnded + other.connectionsEnded, other.keepAliveHeader != null ? other.keepAliveHeader
                        : keepAliveHeader);
    }

    /** What was seen after {@code before} was read. */
    public KeepAliveSeen since(KeepAliveSeen before) {
        return new KeepAliveSeen(answers - before.answers, closesAnnounced - before.closesAnnounced,
                connectionsEnded - before.connectionsEnded, keepAliveHeader);
    }
}
