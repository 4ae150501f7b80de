package org.openimps.ssp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SspCodecTest {
    private final SspCodec codec = new SspCodec(XmlLimits.DEFAULT);

    private SspMessage decode(String xml) throws MalformedMessageException {
        return codec.decode(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesSendSecretTokenSetupTransaction() throws Exception {
        SspMessage m = decode("""
                <WV-SSP-Message xmlns="http://www.openmobilealliance.org/DTD/WV-SSP1.3">
                  <SetupTransaction mode="Request" transactionID="a1">
                    <SendSecretToken serviceID="wv:@alpha.example" protocol="WV-SSP" protocolVersion="1.3">
                      <SecretToken>0123456789abcdef0123456789abcdef</SecretToken>
                    </SendSecretToken>
                  </SetupTransaction>
                </WV-SSP-Message>""");
        SetupTransaction tx = m.getSetupTransaction();
        assertEquals(Mode.REQUEST, tx.mode().orElseThrow());
        assertEquals("a1", tx.getTransactionId());
        SendSecretToken token = assertInstanceOf(SendSecretToken.class, tx.getPrimitive());
        assertEquals("wv:@alpha.example", token.getServiceId());
        assertEquals("0123456789abcdef0123456789abcdef", token.getSecretToken().getValue().strip());
    }

    @Test
    void encodesInThe13NamespaceAndDecodesBackToTheSameTransaction() throws Exception {
        byte[] bytes = codec.encode(SspMessage.session("s1", new Transaction(Mode.REQUEST, "t1",
                new SendMessageRequest("wv:alice@alpha.example", "wv:bob@beta.example", "héllo"))));
        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(xml.contains("xmlns=\"" + SspNamespaces.SSP_1_3 + "\""), xml);
        Transaction tx = codec.decode(bytes).getSession().getTransactions().get(0);
        SendMessageRequest request = assertInstanceOf(SendMessageRequest.class, tx.getPayload());
        assertEquals("wv:bob@beta.example", request.getMessageInfo().recipientId());
        assertEquals("wv:alice@alpha.example", request.getMessageInfo().senderId());
        assertEquals("héllo", request.getContentData());
        assertEquals(6, request.getMessageInfo().getContentSize());
    }

    @Test
    void readsThe12NamespaceAndNoNamespaceAsThe13Model() throws Exception {
        for (String ns : List.of(" xmlns=\"" + SspNamespaces.SSP_1_2 + "\"", "")) {
            SspMessage m = decode("<WV-SSP-Message" + ns + "><Session sessionID=\"7@b.example\">"
                    + "<Transaction mode=\"Response\" transactionID=\"0000000012-3\"><Status code=\"200\"/></Transaction>"
                    + "</Session></WV-SSP-Message>");
            Status status = assertInstanceOf(Status.class, m.getSession().getTransactions().get(0).getPayload());
            assertEquals(200, status.getCode());
            assertEquals("7@b.example", m.getSession().getSessionId());
        }
    }

    @Test
    void carriesAnUnknownPrimitiveIntactAsDomElementAndEncodesItAgain() throws Exception {
        SspMessage m = decode("<WV-SSP-Message xmlns=\"" + SspNamespaces.SSP_1_3 + "\"><Session sessionID=\"s\">"
                + "<Transaction mode=\"Request\" transactionID=\"t\"><JoinGroupRequest><GroupID>wv:g@b</GroupID>"
                + "</JoinGroupRequest></Transaction></Session></WV-SSP-Message>");
        Element element = assertInstanceOf(Element.class, m.getSession().getTransactions().get(0).getPayload());
        assertEquals("JoinGroupRequest", Primitives.nameOf(element));
        String again = new String(codec.encode(m), StandardCharsets.UTF_8);
        assertTrue(again.contains("<GroupID>wv:g@b</GroupID>"), again);
    }

    @Test
    void acceptsTheMisspelledProcotolVersionAttribute() throws Exception {
        SspMessage m = decode("<WV-SSP-Message><SetupTransaction mode=\"request\" transactionID=\"a\">"
                + "<SendSecretToken serviceID=\"wv:@a\" procotolVersion=\"1.3\"><SecretToken>x</SecretToken>"
                + "</SendSecretToken></SetupTransaction></WV-SSP-Message>");
        SendSecretToken token = (SendSecretToken) m.getSetupTransaction().getPrimitive();
        assertEquals("1.3", token.getProtocolVersion());
        assertEquals(Mode.REQUEST, m.getSetupTransaction().mode().orElseThrow());
    }

    @Test
    void refusesADoctypeWithAnExternalEntity() {
        var e = assertThrows(MalformedMessageException.class, () -> decode("<?xml version=\"1.0\"?>"
                + "<!DOCTYPE WV-SSP-Message [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<WV-SSP-Message><Session sessionID=\"&xxe;\"/></WV-SSP-Message>"));
        assertTrue(e.getMessage().contains("DTD") || e.getMessage().contains("entity"), e.getMessage());
    }

    @Test
    void refusesBillionLaughs() {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<WV-SSP-Message><Session sessionID=\"&lol2;\"/></WV-SSP-Message>";
        assertThrows(MalformedMessageException.class, () -> decode(lol));
    }

    @Test
    void refusesNestingDeeperThanTheBound() {
        SspCodec strict = new SspCodec(new XmlLimits(64 * 1024, 8, 2000));
        String deep = "<a>".repeat(10) + "</a>".repeat(10);
        String xml = "<WV-SSP-Message><Session sessionID=\"s\"><Transaction mode=\"Request\" transactionID=\"t\">"
                + deep + "</Transaction></Session></WV-SSP-Message>";
        var e = assertThrows(MalformedMessageException.class, () -> strict.decode(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void refusesMoreElementsThanTheBound() {
        SspCodec strict = new SspCodec(new XmlLimits(64 * 1024, 32, 50));
        String xml = "<WV-SSP-Message><Session sessionID=\"s\"><Transaction mode=\"Request\" transactionID=\"t\"><X>"
                + "<y/>".repeat(60) + "</X></Transaction></Session></WV-SSP-Message>";
        var e = assertThrows(MalformedMessageException.class, () -> strict.decode(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("elements"), e.getMessage());
    }

    @Test
    void refusesABodyOverTheSizeBound() {
        SspCodec small = new SspCodec(new XmlLimits(100, 32, 2000));
        byte[] body = ("<WV-SSP-Message>" + " ".repeat(200) + "</WV-SSP-Message>").getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> small.decode(body));
    }

    @Test
    void refusesTruncatedXmlAForeignRootAndAnEnvelopeWithoutContent() {
        assertThrows(MalformedMessageException.class, () -> decode("<WV-SSP-Message><Session sessionID=\"s\">"));
        assertThrows(MalformedMessageException.class, () -> decode("<html><body/></html>"));
        assertThrows(MalformedMessageException.class, () -> decode("<WV-SSP-Message xmlns=\"urn:other\"/>"));
        assertThrows(MalformedMessageException.class, () -> decode("<WV-SSP-Message/>"));
        assertThrows(MalformedMessageException.class, () -> decode("<WV-SSP-Message><Session sessionID=\"s\"/></WV-SSP-Message>"));
        assertThrows(MalformedMessageException.class, () -> codec.decode(new byte[0]));
    }

    @Test
    void decodesAGoodMessageRightAfterAMalformedOne() throws Exception {
        assertThrows(MalformedMessageException.class, () -> decode("<WV-SSP-Message><Session sessionID=\"s\"><Transaction"));
        byte[] good = codec.encode(SspMessage.session("s1", new Transaction(Mode.RESPONSE, "t1", new Status(200, "Successfully completed"))));
        assertEquals("t1", codec.decode(good).getSession().getTransactions().get(0).getTransactionId());
    }

    @Test
    void threadsEncodingAndDecodingAtOnceEachGetTheirOwnMessageBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> echoes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String text = "message " + i;
                echoes.add(pool.submit(() -> {
                    byte[] bytes = codec.encode(SspMessage.session("s", new Transaction(Mode.REQUEST, "t",
                            new SendMessageRequest("wv:a@alpha.example", "wv:b@beta.example", text))));
                    Transaction tx = codec.decode(bytes).getSession().getTransactions().get(0);
                    return ((SendMessageRequest) tx.getPayload()).getContentData();
                }));
            }
            for (int i = 0; i < echoes.size(); i++) {
                assertEquals("message " + i, echoes.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
