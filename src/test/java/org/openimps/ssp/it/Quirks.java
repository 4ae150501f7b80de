package org.openimps.ssp.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openimps.ssp.testing.TestResources;

/** The quirk corpus under src/test/resources/quirks: raw messages as deployed peers send them. */
final class Quirks {
    private Quirks() {
    }

    /** One entry of corpus.json: a message file, the headers to send with it, the SSP status expected back. */
    public static class Case {
        public String quirk;
        public String file;
        public String txn;
        public Map<String, String> headers;
        public int expect;

        @Override
        public String toString() {
            return quirk + " (" + file + ")";
        }
    }

    static List<Case> corpus() {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return List.of(jsonb.fromJson(TestResources.text("/quirks/corpus.json"), Case[].class));
        } catch (Exception e) {
            throw new IllegalStateException("quirks/corpus.json unreadable", e);
        }
    }

    /**
     * The file with each {@code ${name}} replaced by its value; {@code ${text64}} is {@code text} as a deployed
     * server sends it in ContentData (UTF-8, base64).
     */
    static String fill(String file, Map<String, String> values) {
        String text = TestResources.text("/quirks/" + file);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        text = text.replace("${text64}", base64(values.getOrDefault("text", "")));
        if (text.contains("${")) {
            throw new IllegalArgumentException(file + " has an unfilled placeholder: " + values.keySet());
        }
        return text;
    }

    static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
