package dev.ccbridge.server;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.UpstreamSpec;
import dev.ccbridge.server.observe.ExchangeLog;
import dev.ccbridge.server.observe.ExchangeMetrics;
import dev.ccbridge.server.observe.ExchangeSink;
import dev.ccbridge.server.observe.ExchangeSinks;
import dev.ccbridge.server.observe.JsonExchangeLog;
import dev.ccbridge.server.observe.UsageStore;
import dev.ccbridge.server.probe.UpstreamHealth;
import dev.ccbridge.server.probe.UpstreamProbe;
import dev.ccbridge.server.recording.Recorder;
import dev.ccbridge.server.recording.RecordedSettings;
import dev.ccbridge.server.tokens.TokenCounter;
import dev.ccbridge.server.upstream.AdapterRegistry;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.ModelCatalogs;
import dev.ccbridge.server.upstream.Router;

import io.helidon.metrics.api.MetricsFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The assembled bridge: settings, adapters, upstreams and the tokenizer, created once and shared by every request.
 * Routes get their collaborators from here.
 *
 * @param settings the settings
 * @param adapters the adapters found
 * @param router   the model router
 * @param tokens   the token counter
 * @param ids      the id generator
 * @param clock    the clock
 * @param secrets  every known secret, for masking
 * @param recorder the session recorder, when record mode is on
 * @param catalogs  the upstreams' model catalogs
 * @param exchanges where finished exchanges go: the console log and the meters, and the JSON-lines log and the
 *                  usage store when configured
 * @param metrics   the Prometheus meters, also among the exchanges' sinks
 * @param health    the latest probe of each upstream, for readiness and {@code GET /health}
 */
public record Bridge(BridgeSettings settings,
                     AdapterRegistry adapters,
                     Router router,
                     TokenCounter tokens,
                     IdGenerator ids,
                     Clock clock,
                     Secrets secrets,
                     Optional<Recorder> recorder,
                     ModelCatalogs catalogs,
                     ExchangeSink exchanges,
                     ExchangeMetrics metrics,
                     UpstreamHealth health) {

    private static final Duration CATALOG_TTL = Duration.ofMinutes(10);
    /** Claude Code's model discovery gives up after three seconds. */
    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Discovers adapters and creates every configured upstream.
     *
     * @param settings the settings
     * @param ids      the id generator
     * @param clock    the clock
     * @return the bridge
     * @throws IllegalArgumentException when an upstream names an unknown adapter or has bad settings
     */
    public static Bridge create(BridgeSettings settings, IdGenerator ids, Clock clock) {
        Secrets secrets = new Secrets();
        secrets.add(settings.gatewayKey());
        AdapterRegistry adapters = AdapterRegistry.discover(settings.pluginsDir());
        List<ConfiguredUpstream> upstreams = new ArrayList<>();
        List<Set<String>> secretKeys = new ArrayList<>();
        for (UpstreamSpec spec : settings.upstreams()) {
            AdapterRegistry.Found found;
            try {
                found = adapters.require(spec.adapterId());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(spec.origin() + ": upstream '" + spec.name() + "' "
                        + e.getMessage(), e);
            }
            for (String secretKey : found.factory().secretSettings()) {
                secrets.add(spec.settings().get(secretKey));
            }
            // Credentials in adapter header settings cannot be declared secret by their factories.
            secrets.addCredentialHeaders(spec.settings());
            secretKeys.add(found.factory().secretSettings());
            UpstreamAdapter adapter = found.factory().create(new AdapterSettings(spec.name(), spec.settings()),
                    new AdapterContext(spec.name(), clock, System.getLogger("ccbridge.adapter." + spec.adapterId())));
            upstreams.add(ConfiguredUpstream.of(spec, adapter, found.location()));
        }
        ExchangeMetrics metrics = new ExchangeMetrics(MetricsFactory.getInstance().globalRegistry());
        List<ExchangeSink> sinks = new ArrayList<>(List.of(new ExchangeLog(), metrics));
        if (settings.logs().exchangeLog() != null) {
            sinks.add(new JsonExchangeLog(settings.logs().exchangeLog()));
        }
        if (settings.logs().usageDir() != null) {
            sinks.add(new UsageStore(settings.logs().usageDir(), settings.logs().replica()));
        }
        Optional<Recorder> recorder = Optional.ofNullable(settings.recordDir()).map(dir ->
                new Recorder(dir, secrets, RecordedSettings.of(settings, secretKeys, Version.current())));
        return new Bridge(settings, adapters, new Router(upstreams, settings.routes(), settings.models()),
                new TokenCounter(), ids, clock, secrets, recorder,
                new ModelCatalogs(upstreams, CATALOG_TTL, CATALOG_TIMEOUT),
                new ExchangeSinks(sinks), metrics,
                new UpstreamHealth(upstreams, new UpstreamProbe(UpstreamProbe.DEFAULT_TIMEOUT, secrets,
                        settings.models(), clock)));
    }
}
