package dev.ccbridge.server.probe;

import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.ModelCatalog;
import dev.ccbridge.server.Durations;
import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.config.ModelMapping;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.upstream.ConfiguredUpstream;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Probes upstreams: a {@code GET} of the model catalog with the adapter's own authentication headers
 * (200: key accepted, with the models; 401/403: key rejected, with the upstream's message; 404: reachable but no
 * catalog, so the key is unchecked), or, for an upstream without a catalog, a TCP connect to its chat/completions
 * host. Every probe ends within the timeout, whatever the network does.
 */
public final class UpstreamProbe {

    /** Short enough that the startup summary and {@code doctor} stay quick. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final int MAX_MESSAGE_CHARS = 200;

    private final Duration timeout;
    private final Secrets secrets;
    private final ModelMapping models;
    private final Clock clock;
    private final WebClient client;

    /**
     * @param timeout how long one probe, and a round of them, may take
     * @param secrets the secrets to mask in what upstreams answer
     * @param models  the model mapping, for each upstream's default model
     * @param clock   the clock that stamps results
     */
    public UpstreamProbe(Duration timeout, Secrets secrets, ModelMapping models, Clock clock) {
        this.timeout = timeout;
        this.secrets = secrets;
        this.models = models;
        this.clock = clock;
        this.client = WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .keepAlive(false)
                .shareConnectionCache(false)
                .build();
    }

    /**
     * Probes every upstream in parallel; a round takes at most the timeout (plus a moment to collect).
     *
     * @param upstreams the upstreams
     * @param callerKey the key to probe with where an upstream forwards the caller's key, or {@code null}
     * @return one result per upstream, in order
     */
    public List<UpstreamStatus> probeAll(List<ConfiguredUpstream> upstreams, String callerKey) {
        List<CompletableFuture<UpstreamStatus>> running = new ArrayList<>();
        for (ConfiguredUpstream upstream : upstreams) {
            CompletableFuture<UpstreamStatus> result = new CompletableFuture<>();
            Thread.ofVirtual().name("probe-" + upstream.name()).start(() -> {
                try {
                    result.complete(probe(upstream, callerKey));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            running.add(result);
        }
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(250);
        List<UpstreamStatus> out = new ArrayList<>();
        for (int i = 0; i < upstreams.size(); i++) {
            ConfiguredUpstream upstream = upstreams.get(i);
            long started = System.nanoTime();
            try {
                out.add(running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                out.add(unreachable(upstream, target(upstream), "no answer within " + Durations.words(timeout),
                        started));
            } catch (ExecutionException e) {
                out.add(unreachable(upstream, target(upstream), "the probe failed: " + e.getCause(), started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(unreachable(upstream, target(upstream), "the probe was interrupted", started));
            }
        }
        return out;
    }

    /**
     * Probes one upstream, on the calling thread.
     *
     * @param upstream  the upstream
     * @param callerKey the key to probe with when the upstream forwards the caller's key, or {@code null}
     * @return what the probe found
     */
    public UpstreamStatus probe(ConfiguredUpstream upstream, String callerKey) {
        long started = System.nanoTime();
        Optional<ModelCatalog> catalog = upstream.adapter().modelCatalog();
        if (catalog.isEmpty()) {
            return connect(upstream, started);
        }
        URI uri = catalog.get().uri();
        Map<String, String> auth = upstream.adapter().authHeaders(callerKey);
        HttpClientRequest request = client.get().uri(uri).header(HeaderNames.ACCEPT, "application/json");
        auth.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse response = request.request()) {
            int status = response.status().code();
            String body = readBody(response);
            boolean keySent = !auth.isEmpty();
            if (status == 200) {
                Optional<List<CatalogModel>> models = parse(catalog.get(), body);
                return result(upstream, uri.toString(), true, keySent ? KeyStatus.ACCEPTED : KeyStatus.FORWARDED,
                        models, models.isEmpty() ? "the catalog at " + uri + " is not JSON" : null, started);
            }
            if (!keySent) {
                return result(upstream, uri.toString(), true, KeyStatus.FORWARDED, Optional.empty(),
                        "the catalog answered " + status + message(body), started);
            }
            if (status == 401 || status == 403) {
                return result(upstream, uri.toString(), true, KeyStatus.REJECTED, Optional.empty(),
                        "the catalog answered " + status + message(body), started);
            }
            return result(upstream, uri.toString(), true, KeyStatus.UNCHECKED, Optional.empty(),
                    status == 404 || status == 405 ? "no model catalog at " + uri
                            : "the catalog answered " + status + message(body), started);
        } catch (RuntimeException e) {
            return unreachable(upstream, uri.toString(), why(e, uri), started);
        }
    }

    /** An upstream without a catalog: whether its chat/completions host accepts a connection. */
    private UpstreamStatus connect(ConfiguredUpstream upstream, long started) {
        URI uri = URI.create(target(upstream));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) timeout.toMillis());
            return result(upstream, uri.toString(), true, KeyStatus.UNCHECKED, Optional.empty(),
                    "it has no model catalog to check the key with", started);
        } catch (IOException | RuntimeException e) {
            return unreachable(upstream, uri.toString(), why(e, uri), started);
        }
    }

    private UpstreamStatus unreachable(ConfiguredUpstream upstream, String target, String why, long started) {
        return result(upstream, target, false, KeyStatus.UNCHECKED, Optional.empty(), why, started);
    }

    private UpstreamStatus result(ConfiguredUpstream upstream, String target, boolean reachable, KeyStatus key,
                                  Optional<List<CatalogModel>> catalog, String problem, long started) {
        String defaultModel = defaultModel(upstream);
        return new UpstreamStatus(upstream.name(), secrets.mask(target), reachable, key, catalog, defaultModel,
                UpstreamStatus.listing(defaultModel, catalog), secrets.mask(problem),
                Duration.ofNanos(System.nanoTime() - started), clock.instant());
    }

    /**
     * @param upstream an upstream
     * @return the model it is asked for when nothing maps the client's model, or {@code null} when the client's
     *         model goes up unchanged
     */
    public String defaultModel(ConfiguredUpstream upstream) {
        if (models.force()) {
            return models.defaultModel();
        }
        return upstream.defaultModel() != null ? upstream.defaultModel() : models.defaultModel();
    }

    private static String target(ConfiguredUpstream upstream) {
        return upstream.adapter().modelCatalog().map(c -> c.uri().toString())
                .orElseGet(() -> upstream.adapter().chatCompletionsUri("").toString());
    }

    private static Optional<List<CatalogModel>> parse(ModelCatalog catalog, String body) {
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
            JsonStructure json = reader.read();
            return Optional.of(List.copyOf(catalog.read(json)));
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String readBody(HttpClientResponse response) {
        try (InputStream in = response.inputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The upstream's own words: {@code error.message}, {@code message}, or the start of the body. */
    private static String message(String body) {
        String text = body.strip();
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(text))) {
            if (reader.read() instanceof JsonObject object) {
                if (object.get("error") instanceof JsonObject error && error.get("message") instanceof JsonString s) {
                    text = s.getString();
                } else if (object.get("error") instanceof JsonString s) {
                    text = s.getString();
                } else if (object.get("message") instanceof JsonString s) {
                    text = s.getString();
                }
            }
        } catch (JsonException | IllegalStateException e) {
            // not JSON: the text as it is
        }
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text);
    }

    private String why(Throwable error, URI uri) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ConnectException e -> {
                    return "connection refused by " + uri.getHost() + ":" + port(uri);
                }
                case UnknownHostException e -> {
                    return "unknown host '" + uri.getHost() + "'";
                }
                case SocketTimeoutException e -> {
                    return "no answer within " + Durations.words(timeout);
                }
                case SSLException e -> {
                    return "TLS with " + uri.getHost() + " failed: " + e.getMessage();
                }
                default -> {
                }
            }
        }
        return error.getMessage() != null ? error.getMessage() : error.toString();
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
