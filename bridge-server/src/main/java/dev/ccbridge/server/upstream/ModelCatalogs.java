package dev.ccbridge.server.upstream;

import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.ModelCatalog;
import dev.ccbridge.server.json.JsonFactories;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.JsonReader;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The model catalogs of the upstreams that have one (JoyToken's {@code GET /api/v1/models}, OpenAI's
 * {@code GET /models}), fetched with the upstream's configured key and kept for a while. A catalog that cannot be
 * fetched counts as empty until the next try, so {@code GET /v1/models} always answers within Claude Code's
 * three-second discovery timeout.
 */
public final class ModelCatalogs {

    /** Claude Code keeps only model ids that start with {@code claude}; catalog models are listed under this. */
    public static final String PREFIX = "claude-via-";

    private static final System.Logger LOG = System.getLogger("ccbridge.catalog");

    /**
     * One model of one upstream's catalog.
     *
     * @param upstream the upstream
     * @param model    the model
     */
    public record Entry(ConfiguredUpstream upstream, CatalogModel model) {
        /**
         * @return the id clients use for it: {@code claude-via-<upstream>/<model>}
         */
        public String clientId() {
            return PREFIX + upstream.name() + "/" + model.id();
        }
    }

    /** A fetched catalog and when it must be fetched again. */
    private record Cached(List<Entry> entries, long expiresNanos) {
    }

    /** How soon a catalog that could not be fetched is tried again. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final List<ConfiguredUpstream> upstreams;
    private final Duration ttl;
    private final Duration timeout;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<Entry>>> fetching = new ConcurrentHashMap<>();

    /**
     * @param upstreams the upstreams
     * @param ttl       how long a fetched catalog is kept
     * @param timeout   how long one fetch may take
     */
    public ModelCatalogs(List<ConfiguredUpstream> upstreams, Duration ttl, Duration timeout) {
        this.upstreams = upstreams;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    /**
     * Every catalog model of every upstream. Catalogs are fetched in parallel; one fetched before is served from
     * memory and refreshed in the background when stale; one never fetched is waited for at most the fetch timeout,
     * so the answer is quick even when an upstream is unreachable.
     *
     * @return the catalog models
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        List<CompletableFuture<List<Entry>>> first = new ArrayList<>();
        for (ConfiguredUpstream upstream : upstreams) {
            upstream.adapter().modelCatalog().ifPresent(catalog -> {
                Cached cached = cache.get(upstream.name());
                if (cached == null || System.nanoTime() - cached.expiresNanos() > 0) {
                    CompletableFuture<List<Entry>> refresh = refresh(upstream, catalog);
                    if (cached == null) {
                        first.add(refresh);
                        return;
                    }
                }
                out.addAll(cached.entries());
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<List<Entry>> fetch : first) {
            try {
                out.addAll(fetch.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException e) {
                // not there yet: listed once it arrives
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    /**
     * @param upstream an upstream
     * @param model    one of its models
     * @return what its catalog says of that model, if it was fetched and lists it
     */
    public Optional<CatalogModel> find(ConfiguredUpstream upstream, String model) {
        Cached cached = cache.get(upstream.name());
        return cached == null ? Optional.empty() : cached.entries().stream().map(Entry::model)
                .filter(m -> m.id().equals(model)).findFirst();
    }

    private CompletableFuture<List<Entry>> refresh(ConfiguredUpstream upstream, ModelCatalog catalog) {
        return fetching.computeIfAbsent(upstream.name(), name -> {
            CompletableFuture<List<Entry>> future = new CompletableFuture<>();
            Thread.ofVirtual().name("catalog-" + name).start(() -> {
                List<Entry> entries = fetch(upstream, catalog);
                Duration keep = entries == null ? RETRY_AFTER_FAILURE : ttl;
                cache.put(name, new Cached(entries == null ? List.of() : entries, System.nanoTime() + keep.toNanos()));
                fetching.remove(name);
                future.complete(entries == null ? List.of() : entries);
            });
            return future;
        });
    }

    /** @return the catalog's models, or {@code null} when it could not be fetched */
    private List<Entry> fetch(ConfiguredUpstream upstream, ModelCatalog catalog) {
        try (HttpClientResponse response = upstream.client().get(catalog.uri(), upstream.adapter().authHeaders(null),
                timeout)) {
            if (response.status().code() != 200) {
                LOG.log(System.Logger.Level.INFO, () -> "model catalog of upstream '" + upstream.name() + "' answered "
                        + response.status().code());
                return null;
            }
            try (InputStream in = response.inputStream(); JsonReader reader = JsonFactories.READERS.createReader(in)) {
                return catalog.read(reader.read()).stream().map(model -> new Entry(upstream, model)).toList();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.INFO, () -> "model catalog of upstream '" + upstream.name()
                    + "' unavailable: " + e.getMessage());
            return null;
        }
    }
}
