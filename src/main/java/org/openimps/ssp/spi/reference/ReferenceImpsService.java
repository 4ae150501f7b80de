package org.openimps.ssp.spi.reference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openimps.ssp.wire.CancelInviteRequest;
import org.openimps.ssp.wire.DeliveryStatusReport;
import org.openimps.ssp.wire.GetPresenceRequest;
import org.openimps.ssp.wire.GetPresenceResponse;
import org.openimps.ssp.wire.InviteRequest;
import org.openimps.ssp.wire.InviteResponse;
import org.openimps.ssp.wire.Presence;
import org.openimps.ssp.wire.PresenceNotification;
import org.openimps.ssp.wire.SendMessageRequest;
import org.openimps.ssp.wire.SendMessageResponse;
import org.openimps.ssp.wire.Status;
import org.openimps.ssp.wire.SubscribeRequest;
import org.openimps.ssp.wire.UnsubscribeRequest;
import org.w3c.dom.Element;

/**
 * In-memory IMPS service for the configured local users: instant messages (with delivery reports), presence
 * with subscriptions (a subscriber's domain gets a PresenceNotification when the user's presence changes) and
 * invitations. It hosts no groups: group primitives get Status 800, other primitives 501.
 */
@ApplicationScoped
public class ReferenceImpsService implements ImpsHost {
    private static final Logger LOG = Logger.getLogger(ReferenceImpsService.class.getName());
    /** Remote users whose presence we keep from notifications; later ones are not cached beyond it. */
    private static final int MAX_REMOTE_PRESENCE = 10_000;
    /** Invitations and delivery reports kept per local user. */
    private static final int MAX_RECORDS_PER_USER = 100;
    /** Entries a listing of remote presence shows. */
    static final int MAX_LISTED = 100;
    /** Seconds an invitation we send holds. */
    private static final int INVITE_VALIDITY_SECONDS = 3600;

    private BoundedLists<StoredMessage> inboxes;
    private final BoundedLists<Invitation> invitations = new BoundedLists<>(MAX_RECORDS_PER_USER);
    private final BoundedLists<DeliveryReport> deliveryReports = new BoundedLists<>(MAX_RECORDS_PER_USER);
    private final Map<String, Presence> localPresence = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions = new Subscriptions();
    private final Map<String, Presence> remotePresence = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Inject
    SspConfig config;
    @Inject
    Federation federation;
    @Inject
    Clock clock;

    @PostConstruct
    void createUsers() {
        inboxes = new BoundedLists<>(config.reference().maxInboxMessages());
        for (String user : config.reference().users()) {
            inboxes.open(user);
            invitations.open(user);
            deliveryReports.open(user);
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
        String id = newId();
        inboxes.add(user.get(), new StoredMessage(id, request.getMessageInfo().senderId(), to,
                request.getContentData(), clock.instant()));
        LOG.fine(() -> "delivered message " + id + " from " + from.peerDomain() + " txn " + from.transactionId());
        if (request.deliveryReportRequested()) {
            reportDelivery(from, request);
        }
        return new SendMessageResponse(StatusCode.OK.toStatus(), id);
    }

    @Override
    public GetPresenceResponse onGetPresence(RemoteRequest from, GetPresenceRequest request) {
        List<Presence> found = new ArrayList<>();
        for (String userId : request.userIds()) {
            localUser(userId).ifPresent(user -> found.add(localPresence.get(user)));
        }
        return new GetPresenceResponse(outcome(found.size(), request.userIds().size()), found);
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

    @Override
    public Status onSubscribe(RemoteRequest from, SubscribeRequest request) {
        ImpsAddress subscriber = ImpsAddress.parse(request.requestorUserId()).orElseThrow();
        int found = 0;
        for (String userId : request.userIds()) {
            Optional<String> user = localUser(userId);
            if (user.isPresent()) {
                if (!subscriptions.add(user.get(), subscriber)) {
                    return StatusCode.SERVICE_UNAVAILABLE.toStatus("too many subscribers of " + userId);
                }
                found++;
            }
        }
        return outcome(found, request.userIds().size());
    }

    @Override
    public Status onUnsubscribe(RemoteRequest from, UnsubscribeRequest request) {
        ImpsAddress subscriber = ImpsAddress.parse(request.requestorUserId()).orElseThrow();
        request.userIds().forEach(userId -> localUser(userId).ifPresent(u -> subscriptions.remove(u, subscriber)));
        return StatusCode.OK.toStatus();
    }

    @Override
    public Status onDeliveryStatusReport(RemoteRequest from, DeliveryStatusReport report) {
        Optional<String> sender = localUser(report.getMessageInfo().senderId());
        if (sender.isEmpty()) {
            return StatusCode.UNKNOWN_USER.toStatus(report.getMessageInfo().senderId());
        }
        deliveryReports.add(sender.get(), new DeliveryReport(report.getMessageInfo().getMessageId(),
                report.getMessageInfo().recipientId(), report.result().getCode(), report.result().getDescription(),
                clock.instant()));
        return StatusCode.OK.toStatus();
    }

    @Override
    public Status onInvite(RemoteRequest from, InviteRequest request) {
        Optional<String> invited = localUser(request.invitedId());
        if (invited.isEmpty()) {
            return StatusCode.UNKNOWN_USER.toStatus(request.invitedId());
        }
        invitations.add(invited.get(), new Invitation(request.getInviteId(), "received", request.invitingId(),
                request.invitedId(), request.getInviteType(), request.getInviteNote(), clock.instant()));
        return StatusCode.OK.toStatus();
    }

    @Override
    public Status onCancelInvite(RemoteRequest from, CancelInviteRequest request) {
        Optional<String> canceled = localUser(request.canceledId());
        if (canceled.isEmpty()) {
            return StatusCode.UNKNOWN_USER.toStatus(request.canceledId());
        }
        boolean removed = invitations.removeIf(canceled.get(), i -> i.inviteId().equals(request.getInviteId())
                && normalized(i.from()).equals(normalized(request.cancelingId())));
        return removed ? StatusCode.OK.toStatus() : StatusCode.INVALID_INVITATION.toStatus(request.getInviteId());
    }

    @Override
    public Status onInviteResponse(RemoteRequest from, InviteResponse response) {
        Optional<String> inviting = localUser(response.invitingId());
        if (inviting.isEmpty()) {
            return StatusCode.UNKNOWN_USER.toStatus(response.invitingId());
        }
        invitations.add(inviting.get(), new Invitation(response.getInviteId(), response.accepted() ? "accepted"
                : "declined", response.respondingId(), response.invitingId(), null, response.getResponseNote(),
                clock.instant()));
        return StatusCode.OK.toStatus();
    }

    /** Group primitives name a group we do not host; anything else is honestly not implemented here. */
    @Override
    public Optional<Object> onOther(RemoteRequest from, Object primitive) {
        if (primitive instanceof Element element && !element.getAttribute("groupID").isBlank()) {
            return Optional.of(StatusCode.GROUP_NOT_FOUND.toStatus(element.getAttribute("groupID").strip()));
        }
        return Optional.of(StatusCode.NOT_IMPLEMENTED.toStatus(
                org.openimps.ssp.wire.Primitives.nameOf(primitive) + " is not implemented by the reference service"));
    }

    /** Sends an IM from a local user to any user; local recipients are served without the network. */
    public CompletionStage<Reply> sendMessage(String fromUser, String toUserId, String text) {
        return sendMessage(fromUser, toUserId, text, false);
    }

    /** As {@link #sendMessage(String, String, String)}, asking the recipient's domain for a delivery report. */
    public CompletionStage<Reply> sendMessage(String fromUser, String toUserId, String text, boolean deliveryReport) {
        Optional<ImpsAddress> to = ImpsAddress.parse(toUserId);
        if (!hasUser(fromUser) || to.isEmpty()) {
            return failed(StatusCode.UNKNOWN_USER, hasUser(fromUser) ? toUserId : fromUser);
        }
        SendMessageRequest request = new SendMessageRequest(address(fromUser), to.get().toString(), text,
                deliveryReport, newId(), clock.instant());
        if (to.get().domain().equalsIgnoreCase(domain())) {
            var local = onSendMessage(new RemoteRequest(domain(), "local", "local"), request);
            return CompletableFuture.completedFuture(new Reply.Answered("local", local));
        }
        return federation.send(to.get().domain(), request);
    }

    /** {@code asker} (a local user) asks a remote domain for a user's presence. */
    public CompletionStage<Reply> fetchPresence(String asker, String userId) {
        return toRemoteUser(asker, userId, who -> new GetPresenceRequest(address(asker), List.of(who.toString())));
    }

    /** {@code subscriber} (a local user) subscribes to a remote user's presence. */
    public CompletionStage<Reply> subscribe(String subscriber, String userId) {
        return toRemoteUser(subscriber, userId, who -> new SubscribeRequest(address(subscriber), List.of(who.toString())));
    }

    public CompletionStage<Reply> unsubscribe(String subscriber, String userId) {
        return toRemoteUser(subscriber, userId, who -> new UnsubscribeRequest(address(subscriber), List.of(who.toString())));
    }

    /** {@code inviting} (a local user) invites a remote user to an IM conversation, under the id given. */
    public CompletionStage<Reply> invite(String inviting, String userId, String inviteId, String note) {
        return toRemoteUser(inviting, userId, who -> new InviteRequest(inviteId, "IM", INVITE_VALIDITY_SECONDS,
                address(inviting), who.toString(), note));
    }

    public CompletionStage<Reply> cancelInvite(String inviting, String userId, String inviteId, String note) {
        return toRemoteUser(inviting, userId, who -> new CancelInviteRequest(inviteId, address(inviting),
                who.toString(), note));
    }

    /** A fresh id for an invitation, a message or a delivery. */
    public String newId() {
        return domain().replaceAll("[^A-Za-z0-9]", "_") + "_" + ids.incrementAndGet();
    }

    /** Changes a local user's presence and notifies each domain with subscribers, naming them. */
    public List<CompletionStage<Reply>> setPresence(String user, String availability, String statusText) {
        if (!hasUser(user)) {
            return List.of(failed(StatusCode.UNKNOWN_USER, user));
        }
        Presence presence = new Presence(address(user), availability, statusText);
        localPresence.put(user, presence);
        return subscriptions.byDomain(user).entrySet().stream()
                .map(e -> federation.send(e.getKey(), new PresenceNotification(e.getValue(), List.of(presence))))
                .toList();
    }

    public List<StoredMessage> inbox(String user) {
        return inboxes.of(user);
    }

    public List<Invitation> invitations(String user) {
        return invitations.of(user);
    }

    public List<DeliveryReport> deliveryReports(String user) {
        return deliveryReports.of(user);
    }

    public Optional<Presence> knownRemotePresence(String userId) {
        return Optional.ofNullable(remotePresence.get(normalized(userId)));
    }

    /** Remote users' presence as their domains last notified it, the first {@value #MAX_LISTED} by user id. */
    public List<Presence> knownRemotePresence() {
        return remotePresence.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_LISTED)
                .map(Map.Entry::getValue).toList();
    }

    public List<String> users() {
        return config.reference().users();
    }

    public boolean hasUser(String user) {
        return user != null && inboxes.has(user);
    }

    public String domain() {
        return config.domain();
    }

    /** How long the JSON API waits for an answer before it answers 202. */
    public java.time.Duration apiWait() {
        return config.reference().apiWait();
    }

    /** The recipient tells the sender's domain the message was delivered. */
    private void reportDelivery(RemoteRequest from, SendMessageRequest request) {
        String recipient = normalized(request.getMessageInfo().recipientId());
        federation.send(from.peerDomain(), new DeliveryStatusReport(recipient, StatusCode.OK.toStatus(),
                clock.instant(), request.getMessageInfo())).whenComplete((reply, error) -> LOG.fine(() ->
                "delivery report for txn " + from.transactionId() + " to " + from.peerDomain() + ": "
                        + (error != null ? error : reply.status())));
    }

    private CompletionStage<Reply> toRemoteUser(String localUser, String userId,
                                                java.util.function.Function<ImpsAddress, Object> primitive) {
        Optional<ImpsAddress> who = ImpsAddress.parse(userId);
        if (!hasUser(localUser)) {
            return failed(StatusCode.UNKNOWN_USER, localUser);
        }
        if (who.isEmpty()) {
            return failed(StatusCode.BAD_REQUEST, userId);
        }
        return federation.send(who.get().domain(), primitive.apply(who.get()));
    }

    private static CompletionStage<Reply> failed(StatusCode code, String detail) {
        return CompletableFuture.completedFuture(new Reply.Failed(null, code, detail));
    }

    private static Status outcome(int found, int asked) {
        return found == asked ? StatusCode.OK.toStatus()
                : found == 0 ? StatusCode.UNKNOWN_USER.toStatus() : StatusCode.PARTIAL.toStatus();
    }

    private Optional<String> localUser(String userId) {
        return ImpsAddress.parse(userId).filter(a -> a.domain().equalsIgnoreCase(domain()))
                .map(ImpsAddress::user).filter(this::hasUser);
    }

    private String address(String user) {
        return new ImpsAddress(user, domain()).toString();
    }

    private static String normalized(String userId) {
        return ImpsAddress.parse(userId).map(ImpsAddress::toString).orElse(userId);
    }
}
