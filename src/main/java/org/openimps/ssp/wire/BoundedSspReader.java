package org.openimps.ssp.wire;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * The StAX filter between the parser and JAXB: refuses DTDs, bounds depth and element count, reads the older
 * SSP namespaces (or none) as 1.3, and reads every {@code PresenceSubList} subtree as the CSP presence namespace
 * whatever the peer declared (deployed servers write none there), so one JAXB model serves every peer.
 */
final class BoundedSspReader extends StreamReaderDelegate {
    private static final String PRESENCE_SUB_LIST = "PresenceSubList";
    private final XmlLimits limits;
    private int depth;
    private int elements;
    /** Depth of the PresenceSubList being read, 0 outside one. */
    private int presenceFrom;
    /** Whether the current element event lies in a PresenceSubList subtree. */
    private boolean inPresence;

    BoundedSspReader(XMLStreamReader reader, XmlLimits limits) {
        super(reader);
        this.limits = limits;
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        switch (event) {
            case XMLStreamConstants.DTD -> throw new XMLStreamException("DTD is not allowed in an SSP message");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new XMLStreamException("entity reference is not allowed in an SSP message");
            case XMLStreamConstants.START_ELEMENT -> {
                if (++depth > limits.maxDepth()) {
                    throw new XMLStreamException("element nesting deeper than " + limits.maxDepth());
                }
                if (++elements > limits.maxElements()) {
                    throw new XMLStreamException("more than " + limits.maxElements() + " elements");
                }
                if (presenceFrom == 0 && PRESENCE_SUB_LIST.equals(super.getLocalName())) {
                    presenceFrom = depth;
                }
                inPresence = presenceFrom != 0;
            }
            case XMLStreamConstants.END_ELEMENT -> {
                inPresence = presenceFrom != 0;
                if (depth == presenceFrom) {
                    presenceFrom = 0;
                }
                depth--;
            }
            default -> {
                // text, comments and the rest pass through
            }
        }
        return event;
    }

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace()
                || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
            event = next();
        }
        return event;
    }

    @Override
    public String getNamespaceURI() {
        return elementNamespace(super.getNamespaceURI());
    }

    @Override
    public QName getName() {
        QName name = super.getName();
        return new QName(elementNamespace(name.getNamespaceURI()), name.getLocalPart(), name.getPrefix());
    }

    private String elementNamespace(String uri) {
        return inPresence && isElementEvent() ? SspNamespaces.PA_1_3 : normalize(uri);
    }

    private boolean isElementEvent() {
        int event = getEventType();
        return event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT;
    }

    @Override
    public String getNamespaceURI(int index) {
        return normalize(super.getNamespaceURI(index));
    }

    @Override
    public String getNamespaceURI(String prefix) {
        return normalize(super.getNamespaceURI(prefix));
    }

    private static String normalize(String uri) {
        String value = uri == null ? XMLConstants.NULL_NS_URI : uri;
        return SspNamespaces.ACCEPTED.contains(value) ? SspNamespaces.SSP_1_3 : value;
    }
}
