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
import java.util.concurrent.ConcurrentHashMap;

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

    private record Cached(List<Entry> entries, long fetchedNanos) {
    }

    private final List<ConfiguredUpstream> upstreams;
    private final Duration ttl;
    private final Duration timeout;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

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
     * @return every catalog model of every upstream, fetching stale catalogs first
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (ConfiguredUpstream upstream : upstreams) {
            upstream.adapter().modelCatalog().ifPresent(catalog -> out.addAll(entries(upstream, catalog)));
        }
        return out;
    }

    /**
     * @param upstream an upstream
     * @param model    one of its models
     * @return what its catalog says of that model, if it lists it
     */
    public java.util.Optional<CatalogModel> find(ConfiguredUpstream upstream, String model) {
        return upstream.adapter().modelCatalog().flatMap(catalog -> entries(upstream, catalog).stream()
                .map(Entry::model).filter(m -> m.id().equals(model)).findFirst());
    }

    private List<Entry> entries(ConfiguredUpstream upstream, ModelCatalog catalog) {
        Cached cached = cache.get(upstream.name());
        if (cached != null && System.nanoTime() - cached.fetchedNanos() < ttl.toNanos()) {
            return cached.entries();
        }
        List<Entry> entries = fetch(upstream, catalog);
        cache.put(upstream.name(), new Cached(entries, System.nanoTime()));
        return entries;
    }

    private List<Entry> fetch(ConfiguredUpstream upstream, ModelCatalog catalog) {
        try (HttpClientResponse response = upstream.client().get(catalog.uri(), upstream.adapter().authHeaders(null),
                timeout)) {
            if (response.status().code() != 200) {
                LOG.log(System.Logger.Level.INFO, () -> "model catalog of upstream '" + upstream.name() + "' answered "
                        + response.status().code());
                return List.of();
            }
            try (InputStream in = response.inputStream(); JsonReader reader = JsonFactories.READERS.createReader(in)) {
                return catalog.read(reader.read()).stream().map(model -> new Entry(upstream, model)).toList();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.INFO, () -> "model catalog of upstream '" + upstream.name()
                    + "' unavailable: " + e.getMessage());
            return List.of();
        }
    }
}
