package org.openimps.ssp.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A reader that knows only the form a deployed SSP server (Baraza) writes and reads: elements found by local
 * name, whatever their namespace, and user ids, message ids, content type and the like in <em>attributes</em>.
 * It shares no code with our JAXB model, so what it finds in our bytes a deployed server finds too. It is proven
 * on the recorded bodies in {@code wire-samples/} by {@code DeployedFormReaderTest}.
 */
public final class DeployedForm {
    private final Element root;

    private DeployedForm(Element root) {
        this.root = root;
    }

    public static DeployedForm parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new DeployedForm(factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement());
        } catch (Exception e) {
            throw new AssertionError("not XML: " + e, e);
        }
    }

    /** The one primitive inside the Transaction or SetupTransaction. */
    public Element primitive() {
        Element transaction = find(root, "Session", "Transaction").or(() -> find(root, "SetupTransaction"))
                .orElseThrow(() -> new AssertionError("no Transaction"));
        return children(transaction).get(0);
    }

    public Element root() {
        return root;
    }

    /** The first element at this path of local names below {@code from}. */
    public static Optional<Element> find(Element from, String... path) {
        Element at = from;
        for (String name : path) {
            Element next = null;
            for (Element child : children(at)) {
                if (name.equals(child.getLocalName())) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            at = next;
        }
        return Optional.of(at);
    }

    /** The element at the path, or an AssertionError naming what is missing. */
    public static Element at(Element from, String... path) {
        return find(from, path).orElseThrow(() -> new AssertionError("no " + String.join("/", path) + " in "
                + from.getLocalName()));
    }

    /** The attribute's value (trimmed), or an AssertionError: the deployed form needs it. */
    public static String attr(Element element, String name) {
        if (!element.hasAttribute(name)) {
            throw new AssertionError(element.getLocalName() + " has no attribute " + name);
        }
        return element.getAttribute(name).strip();
    }

    /** The element's text, trimmed, as the deployed server reads it. */
    public static String text(Element element) {
        return element.getTextContent().strip();
    }

    /**
     * The requesting user of a request, as the deployed server reads it: {@code MetaInfo clientOriginated="Yes"},
     * {@code Requestor serviceID="wv:@<the user's domain>"} and its {@code User userID}.
     */
    public static String requestorUser(Element primitive) {
        Element meta = at(primitive, "MetaInfo");
        if (!"Yes".equals(attr(meta, "clientOriginated"))) {
            throw new AssertionError("MetaInfo of " + primitive.getLocalName() + " is not clientOriginated=\"Yes\"");
        }
        String user = attr(at(meta, "Requestor", "User"), "userID");
        String service = attr(at(meta, "Requestor"), "serviceID");
        if (!service.equals("wv:@" + user.substring(user.lastIndexOf('@') + 1))) {
            throw new AssertionError("Requestor serviceID " + service + " is not the domain of " + user);
        }
        return user;
    }

    /** The attribute {@code attribute} of every child named {@code name}. */
    public static List<String> attrs(Element parent, String name, String attribute) {
        List<String> out = new ArrayList<>();
        for (Element child : children(parent)) {
            if (name.equals(child.getLocalName())) {
                out.add(attr(child, attribute));
            }
        }
        return out;
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
