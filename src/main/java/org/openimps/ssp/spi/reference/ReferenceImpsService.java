package org.openimps.ssp.spi.reference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.protocol.ImpsAddress;
import org.openimps.ssp.protocol.Reply;
import org.openimps.ssp.protocol.StatusCode;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.spi.ImpsHost;
import org.openimps.ssp.spi.RemoteRequest;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;

/**
 * In-memory IMPS service for the configured local users. Remote domains that ask for a user's presence become
 * watchers of that user and get a PresenceNotification when it changes (a minimal stand-in for subscriptions).
 */
@ApplicationScoped
public class ReferenceImpsService implements ImpsHost {
    private static final Logger LOG = Logger.getLogger(ReferenceImpsService.class.getName());
    private static final int MAX_WATCHERS_PER_USER = 64;
    /** Remote users whose presence we keep from notifications; later ones are not cached beyond it. */
    private static final int MAX_REMOTE_PRESENCE = 10_000;

    private final Map<String, Deque<StoredMessage>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, Presence> localPresence = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Presence> remotePresence = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    @Inject
    SspConfig config;
    @Inject
    Federation federation;
    @Inject
    Clock clock;

    @PostConstruct
    void createUsers() {
        for (String user : config.getReference().getUsers()) {
            inboxes.put(user, new ArrayDeque<>());
            localPresence.put(user, new Presence(address(user), "AVAILABLE", null));
        }
    }

    @Override
    public SendMessageResponse onSendMessage(RemoteRequest from, SendMessageRequest request) {
        String to = request.getMessageInfo().recipientId();
        Optional<String> user = localUser(to);
        if (user.isEmpty()) {
            return new SendMessageResponse(StatusCode.UNKNOWN_USER.toStatus(to), null);
        }
        String id = domain() + "_" + messageIds.incrementAndGet();
        deliver(user.get(), new StoredMessage(id, request.getMessageInfo().senderId(), to, request.getContentData(),
                clock.instant()));
        LOG.fine(() -> "delivered message " + id + " from " + from.peerDomain() + " txn " + from.transactionId());
        return new SendMessageResponse(StatusCode.OK.toStatus(), id);
    }

    @Override
    public GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request) {
        List<Presence> found = new java.util.ArrayList<>();
        for (String userId : request.userIds()) {
            localUser(userId).ifPresent(user -> {
                watch(user, from.peerDomain()); // the asking domain is told when this user's presence changes
                found.add(localPresence.get(user));
            });
        }
        Status status = found.size() == request.userIds().size() ? StatusCode.OK.toStatus()
                : found.isEmpty() ? StatusCode.UNKNOWN_USER.toStatus() : StatusCode.PARTIAL.toStatus();
        return new GetPresenceResponse(status, found);
    }

    @Override
    public Status onPresenceNotification(RemoteRequest from, PresenceNotification notification) {
        for (Presence p : notification.getPresence()) {
            String userId = normalized(p.getUserId());
            if (remotePresence.size() < MAX_REMOTE_PRESENCE || remotePresence.containsKey(userId)) {
                remotePresence.put(userId, p);
            }
        }
        return StatusCode.OK.toStatus();
    }

    /** Sends an IM from a local user to any user; local recipients are served without the network. */
    public CompletionStage<Reply> sendMessage(String fromUser, String toUserId, String text) {
        Optional<ImpsAddress> to = ImpsAddress.parse(toUserId);
        if (!inboxes.containsKey(fromUser) || to.isEmpty()) {
            return CompletableFuture.completedFuture(new Reply.Failed(null, StatusCode.UNKNOWN_USER,
                    inboxes.containsKey(fromUser) ? toUserId : fromUser));
        }
        SendMessageRequest request = new SendMessageRequest(address(fromUser), to.get().toString(), text);
        if (to.get().domain().equalsIgnoreCase(domain())) {
            var local = onSendMessage(new RemoteRequest(domain(), "local", "local"), request);
            return CompletableFuture.completedFuture(new Reply.Answered("local", local));
        }
        return federation.send(to.get().domain(), request);
    }

    /** Asks a remote domain for a user's presence. */
    public CompletionStage<Reply> fetchPresence(String userId) {
        Optional<ImpsAddress> who = ImpsAddress.parse(userId);
        if (who.isEmpty()) {
            return CompletableFuture.completedFuture(new Reply.Failed(null, StatusCode.BAD_REQUEST, userId));
        }
        return federation.send(who.get().domain(), new GetPresenceRequest(List.of(who.get().toString())));
    }

    /** Changes a local user's presence and notifies the domains watching that user. */
    public List<CompletionStage<Reply>> setPresence(String user, String availability, String statusText) {
        if (!inboxes.containsKey(user)) {
            return List.of(CompletableFuture.completedFuture(new Reply.Failed(null, StatusCode.UNKNOWN_USER, user)));
        }
        Presence presence = new Presence(address(user), availability, statusText);
        localPresence.put(user, presence);
        return watchers.getOrDefault(user, Set.of()).stream()
                .map(domain -> federation.send(domain, new PresenceNotification(List.of(presence))))
                .toList();
    }

    public List<StoredMessage> inbox(String user) {
        Deque<StoredMessage> inbox = inboxes.get(user);
        if (inbox == null) {
            return List.of();
        }
        synchronized (inbox) {
            return List.copyOf(inbox);
        }
    }

    public Optional<Presence> knownRemotePresence(String userId) {
        return Optional.ofNullable(remotePresence.get(normalized(userId)));
    }

    public List<String> users() {
        return config.getReference().getUsers();
    }

    public boolean hasUser(String user) {
        return inboxes.containsKey(user);
    }

    public String domain() {
        return config.getDomain();
    }

    private void deliver(String user, StoredMessage message) {
        Deque<StoredMessage> inbox = inboxes.get(user);
        synchronized (inbox) {
            inbox.addLast(message);
            while (inbox.size() > config.getReference().getMaxInboxMessages()) {
                inbox.removeFirst();
            }
        }
    }

    private void watch(String user, String domain) {
        Set<String> set = watchers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
        if (set.size() < MAX_WATCHERS_PER_USER) {
            set.add(domain.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Optional<String> localUser(String userId) {
        return ImpsAddress.parse(userId).filter(a -> a.domain().equalsIgnoreCase(domain()))
                .map(ImpsAddress::user).filter(inboxes::containsKey);
    }

    private String address(String user) {
        return new ImpsAddress(user, domain()).toString();
    }

    private static String normalized(String userId) {
        return ImpsAddress.parse(userId).map(ImpsAddress::toString).orElse(userId);
    }
}
