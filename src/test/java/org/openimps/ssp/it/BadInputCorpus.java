package org.openimps.ssp.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The bad-input corpus under src/test/resources/corpus: {@code cases.json} lists every case (what to send and
 * the outcome expected), the XML files hold the bodies, with {@code ${sid}}, {@code ${theirSid}}, {@code ${txn}}
 * and {@code ${text}} filled in when sent. Bodies too large or too regular for a file are generated.
 */
final class BadInputCorpus {
    private static final String ROOT = "/corpus/";

    private BadInputCorpus() {
    }

    /** One entry of cases.json. */
    public static class Case {
        public String id;
        public String category;
        public String description;
        /** The body's file, or none. */
        public String file;
        /** A generated body: {@code deep:N}, {@code deepopen:N}, {@code flat:N}, {@code recipients:N}, {@code bytes:N},
         *  {@code longtext:N}, {@code garbage:N}, {@code bomgarbage}, {@code invalidutf8}, {@code nul}. */
        public String generate;
        /** The charset the file is stored in; UTF-8 when absent. */
        public String encoding;
        public String method = "POST";
        /** The Content-Type sent; absent means the SSP type, empty means no header at all. */
        public String contentType;
        public Map<String, String> headers = Map.of();
        /** {@code length} (default), {@code chunked}, {@code drip} (a byte every 250 ms) or {@code short} (half, then wait). */
        public String transfer = "length";
        /** A Content-Length other than the body's. */
        public Long declaredLength;
        /** Whether the case needs the probe's session (its ids fill the placeholders). */
        public boolean session;
        /** The transaction id in the body, whose SSP answer is checked. */
        public String txn;
        /** {@code replay}, {@code forged}, {@code wrongDigest} or {@code redirectAfterSetup}: runs its own steps. */
        public String special;
        public int expectHttp;
        /** The SSP status code expected back; 0: nothing may come back; absent: not checked. */
        public Integer expectSsp;

        String contentTypeHeader() {
            return contentType == null ? "application/vnd.wv.ssp+xml; charset=UTF-8" : contentType;
        }

        String expected() {
            return "HTTP " + expectHttp + (expectSsp == null ? "" : expectSsp == 0 ? ", no SSP answer" : ", SSP " + expectSsp);
        }
    }

    static List<Case> cases() {
        try (Jsonb jsonb = JsonbBuilder.create(); InputStream in = open("cases.json")) {
            return List.of(jsonb.fromJson(in, Case[].class));
        } catch (Exception e) {
            throw new IllegalStateException("corpus/cases.json unreadable", e);
        }
    }

    /** The case's body with the placeholders filled. */
    static byte[] body(Case c, Map<String, String> values) {
        if (c.generate != null) {
            return generate(c.generate, values);
        }
        if (c.file == null) {
            return new byte[0];
        }
        Charset charset = c.encoding == null ? StandardCharsets.UTF_8 : Charset.forName(c.encoding);
        String text;
        try (InputStream in = open(c.file)) {
            text = new String(in.readAllBytes(), charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        text = text.replace("${text64}", Quirks.base64(values.getOrDefault("text", "")));
        return text.getBytes(charset);
    }

    private static byte[] generate(String spec, Map<String, String> values) {
        String[] parts = spec.split(":");
        int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        String open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><WV-SSP-Message xmlns=\"http://www.openmobilealliance.org/DTD/WV-SSP1.3\">"
                + "<Session sessionID=\"" + values.getOrDefault("sid", "nosession") + "\"><Transaction mode=\"Request\" transactionID=\""
                + values.getOrDefault("txn", "gen") + "\">";
        String close = "</Transaction></Session></WV-SSP-Message>";
        switch (parts[0]) {
            case "deep":
                return utf8(open + "<a>".repeat(n) + "</a>".repeat(n) + close);
            case "deepopen":
                return utf8(open + "<a>".repeat(n));
            case "flat":
                return utf8(open + "<SendMessageRequest>" + "<b/>".repeat(n) + "</SendMessageRequest>" + close);
            case "recipients":
                return utf8(open + "<SendMessageRequest><MessageInfo><Recipient>"
                        + "<User><UserID>wv:bob@beta.test</UserID></User>".repeat(n) + "</Recipient></MessageInfo>"
                        + "<ContentData>x</ContentData></SendMessageRequest>" + close);
            case "bytes":
                return utf8("<".repeat(n));
            case "longtext":
                return utf8(open + "<SendMessageRequest><MessageInfo><Recipient><User><UserID>wv:bob@beta.test</UserID>"
                        + "</User></Recipient><Sender><User><UserID>wv:tester@probe.test</UserID></User></Sender>"
                        + "</MessageInfo><ContentData>" + values.getOrDefault("text", "") + " " + "z".repeat(n)
                        + "</ContentData></SendMessageRequest>" + close);
            case "garbage": {
                byte[] out = new byte[n];
                new Random(42).nextBytes(out);
                return out;
            }
            case "bomgarbage":
                return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("\u0001\u0002garbage<<>>"));
            case "invalidutf8":
                return concat(utf8(open + "<SendMessageRequest><ContentData>"),
                        new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE},
                        utf8("</ContentData></SendMessageRequest>" + close));
            case "nul":
                return utf8(open + "<SendMessageRequest><ContentData>a\u0000b</ContentData></SendMessageRequest>" + close);
            default:
                throw new IllegalArgumentException("unknown generator " + spec);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static InputStream open(String name) {
        InputStream in = BadInputCorpus.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalStateException("corpus file " + name + " missing");
        }
        return in;
    }
}
