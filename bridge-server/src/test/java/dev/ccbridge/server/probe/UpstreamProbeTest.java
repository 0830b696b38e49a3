package dev.ccbridge.server.probe;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.testing.RunningBridge;
import dev.ccbridge.server.testing.SequentialIds;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UpstreamProbe} against a real HTTP upstream stub: what each answer of the model catalog means for
 * reachability, the key and the default model, and that a probe ends within its timeout whatever the network does.
 */
class UpstreamProbeTest {

    private static final String KEY = "upstream-probe-key-123456";
    private static final String CATALOG = """
            {"object":"list","data":[{"id":"gpt-test","context_window":128000},{"id":"gpt-other"}]}""";

    private final UpstreamStub stub = UpstreamStub.start();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void anAcceptedKeyListsTheCatalogAndTheDefaultModel() {
        stub.otherwise(request -> UpstreamStub.json(200, CATALOG));
        Bridge bridge = bridge(Map.of("DEFAULT_UPSTREAM_MODEL", "gpt-test"));

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertTrue(status.reachable());
        assertEquals(KeyStatus.ACCEPTED, status.key());
        assertEquals(2, status.catalog().orElseThrow().size());
        assertEquals(ModelListing.LISTED, status.listing());
        assertEquals(128000, status.find("gpt-test").orElseThrow().contextWindow());
        assertTrue(status.usable());
        assertNull(status.problem());
        assertEquals("GET", stub.lastRequest().method());
        assertEquals("/v1/models", stub.lastRequest().path());
        assertEquals("Bearer " + KEY, stub.lastRequest().headers().get("authorization"));
        assertTrue(status.describe().startsWith("reachable in "), status.describe());
        assertTrue(status.describe().endsWith("key accepted, 2 models, default model 'gpt-test' listed"),
                status.describe());
    }

    @Test
    void aDefaultModelTheCatalogLacksIsReportedAndARoutingAliasIsNot() {
        stub.otherwise(request -> UpstreamStub.json(200, CATALOG));

        Bridge missing = bridge(Map.of("DEFAULT_UPSTREAM_MODEL", "gpt-typo"));
        UpstreamStatus notListed = probe(missing, Duration.ofSeconds(2))
                .probe(missing.router().upstreams().getFirst(), null);
        assertEquals(ModelListing.NOT_LISTED, notListed.listing());
        assertTrue(notListed.describe().contains("default model 'gpt-typo' NOT in its catalog"), notListed.describe());

        Bridge routed = bridge(Map.of("DEFAULT_UPSTREAM_MODEL", "auto"));
        UpstreamStatus auto = probe(routed, Duration.ofSeconds(2)).probe(routed.router().upstreams().getFirst(), null);
        assertEquals(ModelListing.ROUTED_BY_UPSTREAM, auto.listing());
    }

    @Test
    void aRejectedKeyCarriesTheUpstreamsMessageWithTheKeyMasked() {
        stub.otherwise(request -> UpstreamStub.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                        + "\",\"type\":\"invalid_request_error\"}}"));
        Bridge bridge = bridge(Map.of());

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertTrue(status.reachable());
        assertEquals(KeyStatus.REJECTED, status.key());
        assertFalse(status.usable());
        assertTrue(status.problem().contains("401: Incorrect API key provided"), status.problem());
        assertFalse(status.problem().contains(KEY), status.problem());
        assertTrue(status.problem().contains("****3456"), status.problem());
        assertTrue(status.describe().contains("KEY REJECTED"), status.describe());
    }

    @Test
    void noCatalogMeansReachableWithTheKeyUnchecked() {
        stub.otherwise(request -> UpstreamStub.json(404, "{\"error\":{\"message\":\"not found\"}}"));
        Bridge bridge = bridge(Map.of());

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertTrue(status.reachable());
        assertEquals(KeyStatus.UNCHECKED, status.key());
        assertTrue(status.usable());
        assertTrue(status.catalog().isEmpty());
        assertEquals("no model catalog at " + stub.baseUrl() + "/models", status.problem());
    }

    @Test
    void aServerErrorIsReachableButUnchecked() {
        stub.otherwise(request -> UpstreamStub.json(503, "{\"error\":{\"message\":\"maintenance\"}}"));
        Bridge bridge = bridge(Map.of());

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertTrue(status.reachable());
        assertEquals(KeyStatus.UNCHECKED, status.key());
        assertEquals("the catalog answered 503: maintenance", status.problem());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Bridge bridge = bridge(Map.of("UPSTREAM_BASE_URL", "http://127.0.0.1:" + port + "/v1"));

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertFalse(status.reachable());
        assertFalse(status.usable());
        assertEquals("connection refused by 127.0.0.1:" + port, status.problem());
        assertTrue(status.describe().startsWith("UNREACHABLE: connection refused"), status.describe());
    }

    @Test
    void aSilentUpstreamEndsTheRoundWithinTheTimeout() {
        stub.otherwise(request -> UpstreamStub.silent(Duration.ofSeconds(10)));
        Bridge bridge = bridge(Map.of());
        UpstreamProbe probe = probe(bridge, Duration.ofMillis(400));

        long started = System.nanoTime();
        List<UpstreamStatus> round = probe.probeAll(bridge.router().upstreams(), null);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMillis < 2000, "took " + tookMillis + " ms");
        assertFalse(round.getFirst().reachable());
        assertEquals("no answer within 400 ms", round.getFirst().problem());
    }

    @Test
    void anUpstreamWithoutAKeyOfItsOwnIsCheckedWithTheCallersKeyWhenGivenOne() {
        stub.otherwise(request -> request.headers().containsKey("authorization")
                && request.headers().get("authorization").equals("Bearer caller-token-abcdef")
                ? UpstreamStub.json(200, CATALOG) : UpstreamStub.json(401, "{\"error\":{\"message\":\"no key\"}}"));
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", stub.baseUrl());
        Bridge bridge = bridgeWithout(settings);
        UpstreamProbe probe = probe(bridge, Duration.ofSeconds(2));

        UpstreamStatus withoutKey = probe.probe(bridge.router().upstreams().getFirst(), null);
        assertEquals(KeyStatus.FORWARDED, withoutKey.key());
        assertTrue(withoutKey.usable());
        assertFalse(stub.lastRequest().headers().containsKey("authorization"));

        UpstreamStatus accepted = probe.probe(bridge.router().upstreams().getFirst(), "caller-token-abcdef");
        assertEquals(KeyStatus.ACCEPTED, accepted.key());

        UpstreamStatus rejected = probe.probe(bridge.router().upstreams().getFirst(), "wrong-token-abcdef");
        assertEquals(KeyStatus.REJECTED, rejected.key());
    }

    @Test
    void anUpstreamWithoutACatalogIsReachedByConnecting() {
        Map<String, String> settings = new HashMap<>();
        settings.put("bridge.upstreams.0.name", "azure");
        settings.put("bridge.upstreams.0.settings.profile", "azure");
        settings.put("bridge.upstreams.0.settings.base-url", "http://127.0.0.1:" + stub.port());
        settings.put("bridge.upstreams.0.settings.api-key", KEY);
        Bridge bridge = bridgeWithout(settings);

        UpstreamStatus status = probe(bridge, Duration.ofSeconds(2)).probe(bridge.router().upstreams().getFirst(),
                null);

        assertTrue(status.reachable(), status.describe());
        assertEquals(KeyStatus.UNCHECKED, status.key());
        assertEquals("it has no model catalog to check the key with", status.problem());
        assertTrue(stub.requests().isEmpty(), "a connect, not a request");
    }

    private Bridge bridge(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", stub.baseUrl());
        settings.put("UPSTREAM_API_KEY", KEY);
        settings.putAll(extra);
        return bridgeWithout(settings);
    }

    private static Bridge bridgeWithout(Map<String, String> settings) {
        return Bridge.create(BridgeSettings.from(RunningBridge.config(settings)), new SequentialIds(),
                TestBridge.CLOCK);
    }

    private static UpstreamProbe probe(Bridge bridge, Duration timeout) {
        return new UpstreamProbe(timeout, bridge.secrets(), bridge.settings().models(), TestBridge.CLOCK);
    }
}
