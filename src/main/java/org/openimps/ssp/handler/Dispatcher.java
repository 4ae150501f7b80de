package org.openimps.ssp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.runtime.Ssp;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.Primitives;
import org.openimps.ssp.wire.ServiceRequest;

/**
 * Routes an inbound request primitive to its handler and always returns a response primitive: the handler's,
 * the host's for primitives the binding does not model, Status 501 when nobody handles it, Status 500 when
 * the host throws (the cause goes to our log, never to the peer).
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    private List<RequestHandler> handlers;
    private ImpsHost host;
    private WireForms wireForms;

    protected Dispatcher() {
        // for the CDI client proxy
    }

    @Inject
    public Dispatcher(MessagingHandler messaging, PresenceHandler presence, InvitationHandler invitations,
                      @Ssp ImpsHost host, WireForms wireForms) {
        this.handlers = List.of(messaging, presence, invitations);
        this.host = host;
        this.wireForms = wireForms;
    }

    public Object dispatch(RemoteRequest from, Object payload) {
        if (payload instanceof ServiceRequest request) {
            wireForms.observe(from, request);
        }
        try {
            for (RequestHandler handler : handlers) {
                if (handler.handles(payload)) {
                    return handler.handle(from, payload);
                }
            }
            return host.onOther(from, payload).orElseGet(() -> {
                LOG.info(() -> "no handler for " + Primitives.nameOf(payload) + " from " + from.peerDomain()
                        + " txn " + from.transactionId());
                return StatusCode.NOT_IMPLEMENTED.toStatus(Primitives.nameOf(payload));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "host failed on " + Primitives.nameOf(payload) + " from " + from.peerDomain()
                    + " txn " + from.transactionId(), e);
            return StatusCode.INTERNAL_ERROR.toStatus();
        }
    }
}
