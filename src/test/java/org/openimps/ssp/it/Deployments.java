package org.openimps.ssp.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR Maven built (target/ssp.war), deployed under a domain's name with that domain's configuration
 * written by the test, plus any test-only beans (e.g. a host alternative).
 */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive domain(String context, Config config, Class<?>... testBeans) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, context + ".war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/ssp.war")));
        String resource = "ssp-" + context + ".json";
        war.delete("/WEB-INF/" + resource);
        war.addAsWebInfResource(new StringAsset(config.toJson()), resource);
        if (testBeans.length > 0) {
            war.addClasses(testBeans);
        }
        return war;
    }

    /** A deployment's configuration, written as the JSON file the module reads. */
    public static final class Config {
        private final Map<String, Object> root = new LinkedHashMap<>();
        private final List<Map<String, Object>> peers = new ArrayList<>();

        public Config(String domain, String... users) {
            root.put("domain", domain);
            root.put("peers", peers);
            root.put("reference", Map.of("users", List.of(users), "httpApi", true));
        }

        public Config peer(String domain, String url, Object... options) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("domain", domain);
            if (url != null) {
                peer.put("url", url); // none: the peer is found by DNS SRV
            }
            for (int i = 0; i < options.length; i += 2) {
                peer.put((String) options[i], options[i + 1]);
            }
            peers.add(peer);
            return this;
        }

        public Config set(String key, Object value) {
            root.put(key, value);
            return this;
        }

        /**
         * For tests that expect a send to fail: retry every peer fast (200 ms, at most 1 s apart) and give up
         * after {@code seconds}, when the sender gets the Status of the last failure.
         */
        public Config giveUpAfter(int seconds) {
            root.put("deliveryExpirySeconds", seconds);
            peers.forEach(p -> {
                p.putIfAbsent("retryMinMillis", 200);
                p.putIfAbsent("retryMaxSeconds", 1);
            });
            return this;
        }

        String toJson() {
            try (Jsonb jsonb = JsonbBuilder.create()) {
                return jsonb.toJson(root);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
