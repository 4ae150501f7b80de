package org.openimps.ssp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openimps.ssp.testing.DeployedForm.at;
import static org.openimps.ssp.testing.DeployedForm.attr;
import static org.openimps.ssp.testing.DeployedForm.attrs;
import static org.openimps.ssp.testing.DeployedForm.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openimps.ssp.testing.DeployedForm;
import org.openimps.ssp.testing.TestResources;
import org.w3c.dom.Element;

/**
 * The wire form against what a deployed server (Baraza) writes and accepts, recorded in {@code wire-samples/}.
 * Each check of our bytes runs first on the recorded body the deployed server accepted, so the check itself is
 * proven on the real thing; our model is never the reference.
 */
class DeployedFormTest {
    private static final String DEPLOYED = "wv:alice@baraza.test";
    private static final String OURS = "wv:carol@alpha.test";
    private final SspCodec codec = new SspCodec(XmlLimits.DEFAULT);

    // --- what the deployed server sends: every recorded body decodes, with every field ---

    @Test
    void deployedServersSendMessageRequestDecodesWithAttributeIdsAndBase64Text() throws Exception {
        SendMessageRequest m = (SendMessageRequest) payload("sent-SendMessageRequest-request.xml");
        assertEquals(DEPLOYED, m.getMessageInfo().senderId());
        assertEquals(OURS, m.getMessageInfo().recipientId());
        assertEquals(DEPLOYED, m.requestorUserId());
        assertTrue(m.getMetaInfo().clientOriginated());
        assertEquals("wv:@baraza.test", m.getMetaInfo().requestorServiceId());
        assertEquals("e2e-064926 alice to carol (Baraza initiates)", m.getContentData());
        assertEquals("13d6377deb8669b2b0ededd50c007d415", m.getMessageInfo().getMessageId());
        assertEquals("text/plain", m.getMessageInfo().getContentType());
        assertEquals(44, m.getMessageInfo().getContentSize());
        assertEquals(Instant.parse("2026-02-25T06:49:26Z"), m.getMessageInfo().getDateTime().instant().orElseThrow());
        assertFalse(m.deliveryReportRequested());
        assertEquals(WireForm.ATTRIBUTE, m.wireForm());
    }

    @Test
    void deployedServersGetPresenceRequestDecodesItsVerUserIdDespiteTheNullAttributeList() throws Exception {
        GetPresenceRequest m = (GetPresenceRequest) payload("sent-GetPresenceRequest-request.xml");
        assertEquals(List.of(OURS), m.userIds());
        assertEquals(DEPLOYED, m.requestorUserId());
    }

    @Test
    void deployedServersPresenceValuesDecodeTrimmedWithTheUnmodelledAttributesKept() throws Exception {
        GetPresenceResponse m = (GetPresenceResponse) payload("sent-GetPresenceResponse-response.xml");
        Presence p = m.getPresence().get(0);
        assertEquals(DEPLOYED, p.getUserId());
        assertEquals(true, p.online().orElseThrow());
        assertEquals(List.of("ClientInfo", "CommCap"), p.otherAttributes().stream().map(Element::getLocalName).toList());
        assertEquals(null, m.getStatus(), "no Status: success");

        PresenceNotification n = (PresenceNotification) payload("sent-PresenceNotification-request.xml");
        assertEquals(List.of("carol@alpha.test"), n.recipientIds());
        assertEquals(DEPLOYED, n.getPresence().get(0).getUserId());
        assertEquals(true, n.getPresence().get(0).online().orElseThrow());
    }

    @Test
    void deployedServersAnswersDecodeWithMessageIdAttributeAndStatusDescription() throws Exception {
        SendMessageResponse r = (SendMessageResponse) payload("sent-SendMessageResponse-response.xml");
        assertEquals("alpha-m1795589380435", r.getMessageId());
        assertEquals(200, r.getStatus().getCode());
        assertEquals("Success", r.getStatus().getDescription());
        Status s = (Status) payload("sent-Status-response.xml");
        assertEquals("Complete", s.getDescription());
    }

    @Test
    void deployedServersHandshakeMessagesDecode() throws Exception {
        SendSecretToken m1 = (SendSecretToken) setup("sent-SendSecretToken-request.xml");
        assertEquals("1.3", m1.getProtocolVersion());
        assertEquals("23dd8c470c0b1e3811c9c4407b2d1b3e", m1.getSecretToken().getValue().strip());
        LoginRequest m3 = (LoginRequest) setup("sent-LoginRequest-request.xml");
        assertEquals("NVWsCswLjXaBzZRg8LaJOw==", m3.getPasswordDigest().getValue().strip());
        LoginResponse m5 = (LoginResponse) setup("sent-LoginResponse-request.xml");
        assertEquals("1@baraza.test", m5.getSessionId());
        assertEquals(200, m5.getStatus().getCode());
    }

    @Test
    void bodiesTheDeployedServerAcceptedDecodeToo() throws Exception {
        GetPresenceResponse r = (GetPresenceResponse) payload("accepted-GetPresenceResponse-response.xml");
        assertEquals("AVAILABLE", r.getPresence().get(0).availability());
        assertEquals("from ssp_peer.py", r.getPresence().get(0).statusText());
        SubscribeRequest s = (SubscribeRequest) payload("accepted-SubscribeRequest-request.xml");
        assertEquals(List.of("wv:alice@baraza.test"), s.userIds());
        assertEquals("wv:carol@alpha.test", s.requestorUserId());
    }

    // --- what we send: read by the deployed-form reader, which is first run on what the server accepted ---

    @Test
    void ourSendMessageRequestHasEveryFieldWhereTheDeployedServerReadsIt() throws Exception {
        sendMessageRequestForm(sample("accepted-SendMessageRequest-request.xml"), "wv:carol@alpha.test",
                "wv:alice@baraza.test", "e2e-064926 carol to alice (session set up by Baraza)");
        byte[] ours = encode(new SendMessageRequest(OURS, DEPLOYED, "héllo, wörld", false, "m-1",
                Instant.parse("2026-12-06T10:00:00Z")));
        sendMessageRequestForm(ours, OURS, DEPLOYED, "héllo, wörld");
        Element m = DeployedForm.parse(ours).primitive();
        assertEquals("m-1", attr(at(m, "MessageInfo"), "messageID"));
        assertEquals("14", attr(at(m, "MessageInfo"), "contentSize"), "bytes of the UTF-8 text");
        assertEquals("2026-12-06T10:00:00Z", text(at(m, "MessageInfo", "DateTime")));
    }

    @Test
    void ourPresenceRequestsNameTheirUsersInAttributes() throws Exception {
        getPresenceRequestForm(sample("accepted-GetPresenceRequest-request.xml"), "wv:carol@alpha.test", "wv:alice@baraza.test");
        getPresenceRequestForm(encode(new GetPresenceRequest(OURS, List.of(DEPLOYED))), OURS, DEPLOYED);
        userListForm(sample("accepted-SubscribeRequest-request.xml"), "SubscribeRequest", "wv:carol@alpha.test", "wv:alice@baraza.test");
        userListForm(encode(new SubscribeRequest(OURS, List.of(DEPLOYED))), "SubscribeRequest", OURS, DEPLOYED);
        userListForm(encode(new UnsubscribeRequest(OURS, List.of(DEPLOYED))), "UnsubscribeRequest", OURS, DEPLOYED);
    }

    @Test
    void ourPresenceValuesAreWhereTheDeployedServerReadsThem() throws Exception {
        presenceNotificationForm(sample("accepted-PresenceNotification-request.xml"), "wv:alice@baraza.test",
                "wv:carol@alpha.test", "carol is here");
        PresenceNotification ours = new PresenceNotification(List.of(DEPLOYED),
                List.of(new Presence(OURS, "AVAILABLE", "carol is here")));
        ours.ensureMetaInfo("alpha.test");
        presenceNotificationForm(encode(ours), DEPLOYED, OURS, "carol is here");
        Element answer = DeployedForm.parse(sample("accepted-GetPresenceResponse-response.xml")).primitive();
        presenceValueForm(at(answer, "PresenceValue"), "wv:carol@alpha.test", "from ssp_peer.py");
        Element ourAnswer = DeployedForm.parse(encode(new GetPresenceResponse(new Status(200, null),
                List.of(new Presence(OURS, "AVAILABLE", "from us"))))).primitive();
        presenceValueForm(at(ourAnswer, "PresenceValue"), OURS, "from us");
    }

    @Test
    void ourAnswersCarryMessageIdAndStatusAsTheDeployedServerReadsThem() throws Exception {
        for (byte[] body : List.of(sample("accepted-SendMessageResponse-response.xml"),
                encode(new SendMessageResponse(new Status(200, "Success"), "13d6377deb8669b2b0ededd50c007d415")))) {
            Element r = DeployedForm.parse(body).primitive();
            assertEquals("SendMessageResponse", r.getLocalName());
            assertEquals("13d6377deb8669b2b0ededd50c007d415", attr(r, "messageID"));
            assertEquals("200", attr(at(r, "Status"), "code"));
        }
        Element status = DeployedForm.parse(encode(new Status(404, "Not found: x"))).primitive();
        assertEquals("404", attr(status, "code"));
        assertEquals("Not found: x", text(at(status, "StatusDescription")));
    }

    @Test
    void ourInvitationsAndDeliveryReportsUseTheDeployedServersElementsAndAttributes() throws Exception {
        Element invite = DeployedForm.parse(encode(new InviteRequest("i1", "IM", 3600, OURS, DEPLOYED, "join"))).primitive();
        assertEquals(List.of("i1", "IM", "3600"), List.of(attr(invite, "inviteID"), attr(invite, "inviteType"),
                attr(invite, "validity")));
        assertEquals(OURS, DeployedForm.requestorUser(invite));
        assertEquals(OURS, attr(at(invite, "Inviting", "User"), "userID"));
        assertEquals(DEPLOYED, attr(at(invite, "Invited", "User"), "userID"));
        assertEquals("join", text(at(invite, "InviteNote")));

        Element cancel = DeployedForm.parse(encode(new CancelInviteRequest("i1", OURS, DEPLOYED, "sorry"))).primitive();
        assertEquals("i1", attr(cancel, "inviteID"));
        assertEquals(OURS, DeployedForm.requestorUser(cancel));
        assertEquals(OURS, attr(at(cancel, "Canceling", "User"), "userID"));
        assertEquals(DEPLOYED, attr(at(cancel, "Canceled", "User"), "userID"));

        Element answer = DeployedForm.parse(encode(new InviteResponse("i1", true, DEPLOYED, OURS, "ok"))).primitive();
        assertEquals("Yes", attr(answer, "acceptance"));
        assertEquals(DEPLOYED, attr(at(answer, "Inviting", "User"), "userID"));
        assertEquals(OURS, attr(at(answer, "Responding", "User"), "userID"));

        SendMessageRequest sent = (SendMessageRequest) payload("sent-SendMessageRequest-request.xml");
        Element report = DeployedForm.parse(encode(new DeliveryStatusReport(OURS, new Status(200, null),
                Instant.parse("2026-12-06T10:00:00Z"), sent.getMessageInfo()))).primitive();
        assertEquals(OURS, DeployedForm.requestorUser(report));
        assertEquals("200", attr(at(report, "DeliveryResult", "Status"), "code"));
        assertEquals("2026-12-06T10:00:00Z", text(at(report, "DeliveryTime")));
        assertEquals("13d6377deb8669b2b0ededd50c007d415", attr(at(report, "MessageInfo"), "messageID"));
        assertEquals(DEPLOYED, attr(at(report, "MessageInfo", "Sender", "User"), "userID"));
    }

    // --- the older element form is still read, and base64 that is not is refused ---

    @Test
    void theFirstReleasesElementFormIsStillReadAndRecognised() throws Exception {
        SendMessageRequest m = (SendMessageRequest) codec.decode(("<WV-SSP-Message xmlns=\"" + SspNamespaces.SSP_1_3
                + "\"><Session sessionID=\"s\"><Transaction mode=\"Request\" transactionID=\"t\"><SendMessageRequest>"
                + "<DeliveryReport>T</DeliveryReport><MessageInfo><MessageID>x1</MessageID><ContentType>text/plain</ContentType>"
                + "<Recipient><User><UserID>wv:b@beta.example</UserID></User></Recipient>"
                + "<Sender><User><UserID>wv:a@alpha.example</UserID></User></Sender></MessageInfo>"
                + "<ContentData>plain</ContentData></SendMessageRequest></Transaction></Session></WV-SSP-Message>")
                .getBytes(StandardCharsets.UTF_8)).getSession().getTransactions().get(0).getPayload();
        assertEquals("wv:a@alpha.example", m.getMessageInfo().senderId());
        assertEquals("wv:b@beta.example", m.getMessageInfo().recipientId());
        assertEquals("x1", m.getMessageInfo().getMessageId());
        assertEquals("plain", m.getContentData());
        assertTrue(m.deliveryReportRequested());
        assertEquals(WireForm.ELEMENT, m.wireForm());
    }

    @Test
    void contentDataThatSaysBase64ButIsNotIsRefused() {
        ContentData bad = new ContentData("text/plain", "base64", "not*base64!");
        assertThrows(IllegalArgumentException.class, bad::text);
        ContentData wrapped = new ContentData("text/plain", "base64", "\naGVs\r\nbG8=\n\n");
        assertEquals("hello", wrapped.text(), "line breaks and padding whitespace as deployed servers wrap it");
    }

    // --- the checks, each run on a recorded body first ---

    private static void sendMessageRequestForm(byte[] body, String sender, String recipient, String text) {
        Element m = DeployedForm.parse(body).primitive();
        assertEquals("SendMessageRequest", m.getLocalName());
        assertEquals("No", attr(m, "deliveryReport"));
        assertEquals(sender, DeployedForm.requestorUser(m));
        Element info = at(m, "MessageInfo");
        assertFalse(attr(info, "messageID").isEmpty());
        assertEquals("text/plain", attr(info, "contentType"));
        assertEquals(String.valueOf(text.getBytes(StandardCharsets.UTF_8).length), attr(info, "contentSize"));
        assertEquals(recipient, attr(at(info, "Recipient", "User"), "userID"));
        assertEquals(sender, attr(at(info, "Sender", "User"), "userID"));
        assertEquals("iso8601", attr(at(info, "DateTime"), "format"));
        Element content = at(m, "ContentData");
        assertEquals("text/plain", attr(content, "contentType"));
        assertEquals("base64", attr(content, "encoding"));
        assertEquals(text, new String(Base64.getMimeDecoder().decode(text(content)), StandardCharsets.UTF_8));
    }

    private static void getPresenceRequestForm(byte[] body, String requestor, String user) {
        Element m = DeployedForm.parse(body).primitive();
        assertEquals("GetPresenceRequest", m.getLocalName());
        assertEquals(requestor, DeployedForm.requestorUser(m));
        assertEquals(List.of(user), attrs(m, "VerUserID", "userID"));
    }

    private static void userListForm(byte[] body, String primitive, String requestor, String user) {
        Element m = DeployedForm.parse(body).primitive();
        assertEquals(primitive, m.getLocalName());
        assertEquals(requestor, DeployedForm.requestorUser(m));
        assertEquals(List.of(user), attrs(m, "UserID", "userID"));
    }

    private static void presenceNotificationForm(byte[] body, String recipient, String user, String statusText) {
        Element m = DeployedForm.parse(body).primitive();
        assertEquals("PresenceNotification", m.getLocalName());
        at(m, "MetaInfo", "Requestor");
        assertEquals(List.of(recipient), attrs(m, "User", "userID"));
        presenceValueForm(at(m, "PresenceValue"), user, statusText);
    }

    private static void presenceValueForm(Element value, String user, String statusText) {
        assertEquals(user, attr(value, "userID"));
        Element list = at(value, "PresenceSubList");
        assertEquals("T", text(at(list, "OnlineStatus", "Qualifier")));
        assertEquals("T", text(at(list, "OnlineStatus", "PresenceValue")));
        assertEquals("AVAILABLE", text(at(list, "UserAvailability", "PresenceValue")));
        assertEquals(statusText, text(at(list, "StatusText", "PresenceValue")));
    }

    private byte[] encode(Object primitive) {
        return codec.encode(SspMessage.session("7@alpha.test", new Transaction(Mode.REQUEST, "t1", primitive)));
    }

    private static byte[] sample(String file) {
        return TestResources.bytes("/wire-samples/" + file);
    }

    private Object payload(String file) throws Exception {
        return assertInstanceOf(SspMessage.class, codec.decode(sample(file))).getSession().getTransactions().get(0).getPayload();
    }

    private Object setup(String file) throws Exception {
        return codec.decode(sample(file)).getSetupTransaction().getPrimitive();
    }
}
