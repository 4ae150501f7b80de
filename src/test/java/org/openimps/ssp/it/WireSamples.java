package org.openimps.ssp.it;

import java.util.regex.Matcher;
import org.openimps.ssp.testing.TestResources;

/**
 * Bodies a deployed SSP server (Baraza, domain baraza.test) sent, or accepted from its peer alpha.test, recorded
 * in {@code src/test/resources/wire-samples}. Replayed with only what must change in a live session: the domains
 * become the probe's and the server's under test ({@code baraza.test} → {@code probe.test}, {@code alpha.test} →
 * {@code beta.test}), and the session id, transaction id and digest are the session's own. The rest, the
 * whitespace and quirks included, goes as recorded.
 */
final class WireSamples {
    /** The secret in the recorded M1 (the probe uses it as its own). */
    static final String SENT_SECRET = "23dd8c470c0b1e3811c9c4407b2d1b3e";

    private final String xml;

    private WireSamples(String xml) {
        this.xml = xml;
    }

    /** {@code sent-<name>.xml}: what the deployed server sends. */
    static WireSamples sent(String name) {
        return new WireSamples(TestResources.text("/wire-samples/sent-" + name + ".xml").replace("baraza.test", ProbePeer.DOMAIN)
                .replace("alpha.test", "beta.test"));
    }

    WireSamples session(String sessionId) {
        return replaceAttribute("sessionID", sessionId, "Session");
    }

    WireSamples transaction(String transactionId) {
        return new WireSamples(xml.replaceFirst("transactionID=\"[^\"]*\"",
                Matcher.quoteReplacement("transactionID=\"" + transactionId + "\"")));
    }

    /** The PasswordDigest's value, keeping the recorded padding around it. */
    WireSamples digest(String base64) {
        return new WireSamples(xml.replaceFirst("(?s)(<PasswordDigest[^>]*>\\s*)[^\\s<]+",
                "$1" + Matcher.quoteReplacement(base64)));
    }

    String xml() {
        return xml;
    }

    private WireSamples replaceAttribute(String attribute, String value, String element) {
        return new WireSamples(xml.replaceFirst("(<" + element + "\\s[^>]*" + attribute + "=\")[^\"]*\"",
                "$1" + Matcher.quoteReplacement(value) + "\""));
    }
}
