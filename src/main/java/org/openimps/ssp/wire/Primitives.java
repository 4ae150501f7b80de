package org.openimps.ssp.wire;

import org.w3c.dom.Element;

/** Names of primitives, whether modelled or carried as DOM. */
public final class Primitives {
    private Primitives() {
    }

    /** The element name of a payload: the JAXB root name or the DOM element's local name. */
    public static String nameOf(Object payload) {
        if (payload == null) {
            return "(empty)";
        }
        if (payload instanceof Element e) {
            return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        }
        jakarta.xml.bind.annotation.XmlRootElement root =
                payload.getClass().getAnnotation(jakarta.xml.bind.annotation.XmlRootElement.class);
        return root != null ? root.name() : payload.getClass().getSimpleName();
    }
}
