package org.openimps.ssp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's view: the admin API and /metrics need role ssp-admin over HTTPS and tell what happened. */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {
    private final ReferenceApi alpha = new ReferenceApi("adm-alpha");
    private final ReferenceApi beta = new ReferenceApi("adm-beta");
    private final OperatorClient alphaOps = new OperatorClient("adm-alpha");
    private final OperatorClient betaOps = new OperatorClient("adm-beta");

    @Deployment(name = "adm-alpha", testable = false, order = 1)
    static WebArchive alpha() {
        return Deployments.domain("adm-alpha", new Deployments.Config("alpha.test", "alice")
                .peer("beta.test", ItEnv.ssp("adm-beta").toString())
                .peer("down.test", "http://127.0.0.1:9/ssp").giveUpAfter(2));
    }

    @Deployment(name = "adm-beta", testable = false, order = 2)
    static WebArchive beta() {
        return Deployments.domain("adm-beta", new Deployments.Config("beta.test", "bob")
                .peer("alpha.test", ItEnv.ssp("adm-alpha").toString()));
    }

    @Test
    void theAdminApiAndMetricsNeedAnOperatorOverHttps() throws Exception {
        for (String path : List.of("api/admin/overview", "metrics")) {
            assertEquals(401, alphaOps.get(path, null, null).statusCode(), path + " without credentials");
            assertEquals(401, alphaOps.get(path, OperatorClient.user(), "wrong").statusCode(), path + " wrong password");
            assertEquals(200, alphaOps.get(path, OperatorClient.user(), OperatorClient.password()).statusCode(), path);
        }
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ItEnv.httpPort() + "/adm-alpha/api/admin/overview")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNotEquals(200, plain.statusCode(), "never served over plain HTTP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverviewShowsTheTransactionWithBothHalvesThePeersAndTheirState() {
        Map<String, Object> sent = alpha.sendMessage("alice", "wv:bob@beta.test", "seen by the operator");
        assertEquals(200, ReferenceApi.statusCode(sent));
        String txn = (String) sent.get("transactionId");
        assertEquals(410, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:x@down.test", "nobody")), "given up");

        Map<String, Object> ours = alphaOps.overview();
        assertEquals("alpha.test", ours.get("domain"));
        Map<String, Object> self = find((List<Map<String, Object>>) ours.get("nodes"), "node", (String) ours.get("node"));
        assertEquals(true, self.get("self"), "this node is in the domain's node table: " + ours.get("nodes"));
        assertEquals(true, self.get("live"));
        Map<String, Object> out = find((List<Map<String, Object>>) ours.get("recent"), "transactionId", txn);
        assertEquals("OUT", out.get("direction"));
        assertEquals("beta.test", out.get("peer"));
        assertEquals("SendMessageRequest", out.get("primitive"));
        assertEquals("SendMessageResponse", out.get("answer"));
        assertEquals(200, ((Number) out.get("status")).intValue());
        assertTrue(((Number) out.get("latencyMillis")).longValue() >= 0);

        List<Map<String, Object>> peers = (List<Map<String, Object>>) ours.get("peers");
        Map<String, Object> betaRow = find(peers, "domain", "beta.test");
        assertEquals("UP", betaRow.get("state"));
        assertEquals(List.of("REQUESTOR"), betaRow.get("sessions"));
        assertEquals(List.of(ours.get("node")), betaRow.get("sessionNodes"), "this node holds beta's session");
        Map<String, Object> downRow = find(peers, "domain", "down.test");
        assertEquals("DOWN", downRow.get("state"));
        assertTrue(String.valueOf(downRow.get("lastError")).contains("down.test"), downRow.toString());
        assertEquals(0, ((Number) ((Map<String, Object>) ours.get("pending")).get("total")).intValue());
        Map<String, Object> alphaOnBeta = find((List<Map<String, Object>>) betaOps.overview().get("peers"), "domain", "alpha.test");
        assertEquals("ATTRIBUTE", alphaOnBeta.get("wireForm"), "beta saw alpha's request in the deployed form");

        Map<String, Object> in = find((List<Map<String, Object>>) betaOps.overview().get("recent"), "transactionId", txn);
        assertEquals("IN", in.get("direction"));
        assertEquals("alpha.test", in.get("peer"));
        assertEquals("SendMessageResponse", in.get("answer"));
    }

    @Test
    void metricsCountersMoveWithTraffic() {
        String series = "ssp_transactions_total{direction=\"out\",domain=\"alpha.test\",primitive=\"SendMessageRequest\",status=\"200\"}";
        String inSeries = "ssp_transactions_total{direction=\"in\",domain=\"beta.test\",primitive=\"SendMessageRequest\",status=\"200\"}";
        double before = value(alphaOps.get("metrics"), series);
        double inBefore = value(betaOps.get("metrics"), inSeries);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, ReferenceApi.statusCode(alpha.sendMessage("alice", "wv:bob@beta.test", "count " + i)));
        }
        String scraped = alphaOps.get("metrics");
        assertEquals(before + 3, value(scraped, series), 0.0);
        assertEquals(inBefore + 3, value(betaOps.get("metrics"), inSeries), 0.0);
        assertTrue(scraped.contains("ssp_transaction_seconds_bucket{"), "latency histogram");
        assertTrue(value(scraped, "ssp_sessions{domain=\"alpha.test\"}") >= 1);
        assertTrue(scraped.contains("ssp_pending_transactions{domain=\"alpha.test\"}"));
        String node = (String) alphaOps.overview().get("node");
        assertEquals(1, value(scraped, "ssp_node{domain=\"alpha.test\",node=\"" + node + "\"}"), 0.0, "which node answers");
        assertEquals(1, value(scraped, "ssp_cluster_nodes_live{domain=\"alpha.test\"}"), 0.0, "one node of alpha here");
        assertEquals(1, value(scraped, "ssp_peer_sessions{domain=\"alpha.test\",peer=\"beta.test\"}"), 0.0,
                "this node's session with beta");
    }

    private static Map<String, Object> find(List<Map<String, Object>> rows, String key, String value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + rows));
    }

    /** A sample's value in the Prometheus text, 0 when the series does not exist yet. */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
