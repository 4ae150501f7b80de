package org.openimps.ssp.wire;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Bytes to {@link SspMessage} and back, with Jakarta XML Binding over a hardened StAX parser: no DTDs, no
 * external entities, bounded size, depth and element count. Thread-safe; create one per application.
 * Marshallers and unmarshallers are kept for reuse ({@link IdleStock}): creating them was a steady share of what
 * each transaction allocated (bench/README.md).
 */
public final class SspCodec {
    private static final Class<?>[] MODEL = {
        SspMessage.class, SendSecretToken.class, LoginRequest.class, LoginResponse.class, Status.class,
        SendMessageRequest.class, SendMessageResponse.class, GetPresenceRequest.class,
        GetPresenceResponse.class, PresenceNotification.class, SubscribeRequest.class, UnsubscribeRequest.class,
        DeliveryStatusReport.class, InviteRequest.class, CancelInviteRequest.class, InviteResponse.class,
    };

    /** Idle (un)marshallers kept: more than the module's worker threads ever use at once. */
    static final int IDLE_BOUND = 64;

    private final XmlLimits limits;
    private final JAXBContext context;
    private final XMLInputFactory inputFactory;
    private final IdleStock<Marshaller, JAXBException> marshallers;
    private final IdleStock<Unmarshaller, JAXBException> unmarshallers;

    public SspCodec(XmlLimits limits) {
        this.limits = limits;
        try {
            this.context = JAXBContext.newInstance(MODEL);
        } catch (JAXBException e) {
            throw new IllegalStateException("SSP JAXB model does not bind", e);
        }
        // The JDK's own StAX implementation on every server, so the hardening below means the same everywhere.
        this.inputFactory = XMLInputFactory.newDefaultFactory();
        inputFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputFactory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        inputFactory.setProperty(XMLInputFactory.IS_COALESCING, true);
        this.marshallers = new IdleStock<>(IDLE_BOUND, () -> {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            return marshaller;
        });
        this.unmarshallers = new IdleStock<>(IDLE_BOUND, context::createUnmarshaller);
    }

    public XmlLimits limits() {
        return limits;
    }

    public SspMessage decode(byte[] body) throws MalformedMessageException {
        if (body.length == 0) {
            throw new MalformedMessageException("empty body");
        }
        if (body.length > limits.maxBytes()) {
            throw new MalformedMessageException("body of " + body.length + " bytes exceeds " + limits.maxBytes());
        }
        XMLStreamReader reader = null;
        try {
            reader = new BoundedSspReader(inputFactory.createXMLStreamReader(new ByteArrayInputStream(body)), limits);
            Unmarshaller unmarshaller = unmarshallers.take();
            Object root = unmarshaller.unmarshal(reader);
            unmarshallers.giveBack(unmarshaller);
            if (!(root instanceof SspMessage message)) {
                throw new MalformedMessageException("root element is not WV-SSP-Message");
            }
            return validate(message);
        } catch (XMLStreamException | JAXBException e) {
            throw new MalformedMessageException("not a well-formed SSP message: " + rootCause(e), e);
        } finally {
            closeQuietly(reader);
        }
    }

    public byte[] encode(SspMessage message) {
        try {
            Marshaller marshaller = marshallers.take();
            // a SendMessage with a short text is about 630 bytes
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            marshaller.marshal(message, out);
            marshallers.giveBack(marshaller);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalArgumentException("SSP message cannot be encoded", e);
        }
    }

    private static SspMessage validate(SspMessage message) throws MalformedMessageException {
        boolean setup = message.getSetupTransaction() != null;
        boolean session = message.getSession() != null;
        if (setup == session) {
            throw new MalformedMessageException("WV-SSP-Message must hold exactly one SetupTransaction or Session");
        }
        if (session && message.getSession().getTransactions().isEmpty()) {
            throw new MalformedMessageException("Session holds no Transaction");
        }
        return message;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.replaceAll("\\s+", " ");
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing to release beyond the in-memory stream
            }
        }
    }
}
