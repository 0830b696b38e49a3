package dev.ccbridge.server.observe;

import dev.ccbridge.server.translate.ErrorMapping;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The bridge's Prometheus meters, served at {@code /observe/metrics}. Every finished exchange feeds them; the stream
 * relay also reports when a stream opens and ends. Helidon adds {@code scope="application"} to each series.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Prometheus name</th><th>Type</th><th>Labels</th></tr>
 *   <tr><td>{@code ccbridge_requests_total}</td><td>counter</td>
 *       <td>route, client_model, upstream, upstream_model, mode, status</td></tr>
 *   <tr><td>{@code ccbridge_tokens_total}</td><td>counter</td><td>upstream, upstream_model, kind</td></tr>
 *   <tr><td>{@code ccbridge_time_to_first_token_seconds}</td><td>histogram</td><td>upstream, mode</td></tr>
 *   <tr><td>{@code ccbridge_request_duration_seconds}</td><td>histogram</td><td>upstream, mode</td></tr>
 *   <tr><td>{@code ccbridge_streams_open}</td><td>gauge</td><td>upstream</td></tr>
 *   <tr><td>{@code ccbridge_upstream_errors_total}</td><td>counter</td><td>upstream, error_type, status</td></tr>
 *   <tr><td>{@code ccbridge_fallbacks_total}</td><td>counter</td><td>from, to</td></tr>
 * </table>
 *
 * <p>Labels never carry a request id, a session id or anything derived from a key. Model names come from the client,
 * so each model label keeps its first {@value #MAX_MODELS} values and reports later ones as {@code other}.
 *
 * <p>This runs for every request: each label combination is looked up in a map keyed by a small record and its
 * meter created once, so the common case builds no strings and registers nothing.
 */
public final class ExchangeMetrics implements ExchangeSink {

    static final String REQUESTS = "ccbridge.requests";
    static final String TOKENS = "ccbridge.tokens";
    static final String TIME_TO_FIRST_TOKEN = "ccbridge.time.to.first.token";
    static final String REQUEST_DURATION = "ccbridge.request.duration";
    static final String STREAMS_OPEN = "ccbridge.streams.open";
    static final String UPSTREAM_ERRORS = "ccbridge.upstream.errors";
    static final String FALLBACKS = "ccbridge.fallbacks";

    /** Distinct client models, and distinct upstream models, kept as labels before the rest count as other. */
    static final int MAX_MODELS = 100;

    /** From a cached answer (50 ms) to a reasoning model thinking for minutes (5 min); longer lands in +Inf. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(300)};

    /**
     * Helidon's timers publish client-side percentiles by default; those cannot be added up across replicas or
     * label values, buckets can.
     */
    private static final double[] NO_PERCENTILES = {};

    /**
     * Open streams per upstream, for the whole process. A gauge reads its number through the registry, which is
     * process-wide and keeps the first gauge registered for a name and labels: a count per bridge would leave every
     * later bridge in the process (tests start many) counting into a number no gauge reads.
     */
    private static final ConcurrentMap<String, AtomicInteger> OPEN_STREAMS = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    private final BoundedLabelValues clientModels = new BoundedLabelValues(MAX_MODELS);
    private final BoundedLabelValues upstreamModels = new BoundedLabelValues(MAX_MODELS);
    private final ConcurrentMap<RequestLabels, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<ModelLabels, TokenCounters> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<LatencyLabels, Latency> latencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorLabels, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<FallbackLabels, Counter> fallbacks = new ConcurrentHashMap<>();
    // Bound once: a method reference to this is a new object each time it is evaluated.
    private final Function<RequestLabels, Counter> newRequestCounter = this::requestCounter;
    private final Function<ModelLabels, TokenCounters> newTokenCounters = this::tokenCounters;
    private final Function<LatencyLabels, Latency> newLatency = this::latency;
    private final Function<ErrorLabels, Counter> newErrorCounter = this::errorCounter;
    private final Function<FallbackLabels, Counter> newFallbackCounter = this::fallbackCounter;
    private final Function<String, AtomicInteger> newOpenStreams = this::openStreamsGauge;

    /**
     * @param registry where the meters go; {@code /observe/metrics} must serve the same one
     */
    public ExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the registry the meters are in
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A stream has been committed to the client. Every call must be matched by one {@link #streamEnded}, however
     * the stream ends.
     *
     * @param upstream the upstream it comes from
     */
    public void streamOpened(String upstream) {
        lookup(OPEN_STREAMS, upstream, newOpenStreams).incrementAndGet();
    }

    /**
     * @param upstream the upstream of a stream that {@link #streamOpened} counted
     */
    public void streamEnded(String upstream) {
        lookup(OPEN_STREAMS, upstream, newOpenStreams).decrementAndGet();
    }

    /**
     * Counts the request last: a scrape that starts after one saw the request also sees its tokens, times and
     * errors (a scrape reads its meters one by one, so the one that first sees the request may not).
     */
    @Override
    public void exchangeFinished(ExchangeSummary summary) {
        String upstream = summary.upstream() == null ? BoundedLabelValues.NONE : summary.upstream();
        String upstreamModel = upstreamModels.of(summary.upstreamModel());
        ExchangeSummary.Tokens used = summary.tokens();
        if (used != null) {
            lookup(tokens, new ModelLabels(upstream, upstreamModel), newTokenCounters).add(used);
        }
        Latency latency = lookup(latencies, new LatencyLabels(upstream, summary.stream()), newLatency);
        latency.total().record(summary.totalMillis(), TimeUnit.MILLISECONDS);
        if (summary.firstTokenMillis() >= 0) {
            latency.firstToken().record(summary.firstTokenMillis(), TimeUnit.MILLISECONDS);
        }
        if (!summary.failedOver().isEmpty()) {
            countFailedAttempts(summary.failedOver(), upstream);
        }
        if (summary.errorType() != null && summary.upstream() != null) {
            lookup(errors, new ErrorLabels(upstream, summary.errorType(), summary.status()), newErrorCounter)
                    .increment();
        }
        lookup(requests, new RequestLabels(summary.route(), clientModels.of(summary.clientModel()), upstream,
                upstreamModel, summary.stream(), summary.status()), newRequestCounter).increment();
    }

    /**
     * Each failed attempt is an upstream error and a move to the next attempt: to the next upstream, or to the
     * same one again when the route retries.
     *
     * @param failedOver the failed attempts in order, each {@code upstream:status}
     * @param last       the upstream of the attempt after them
     */
    private void countFailedAttempts(List<String> failedOver, String last) {
        for (int i = 0; i < failedOver.size(); i++) {
            String attempt = failedOver.get(i);
            int colon = attempt.lastIndexOf(':');
            String from = attempt.substring(0, colon);
            int status = Integer.parseInt(attempt.substring(colon + 1));
            String to = i + 1 < failedOver.size() ? upstreamOf(failedOver.get(i + 1)) : last;
            lookup(errors, new ErrorLabels(from, ErrorMapping.typeForStatus(status), status), newErrorCounter)
                    .increment();
            lookup(fallbacks, new FallbackLabels(from, to), newFallbackCounter).increment();
        }
    }

    private static String upstreamOf(String attempt) {
        return attempt.substring(0, attempt.lastIndexOf(':'));
    }

    /** A plain get first: {@code computeIfAbsent} may lock even when the key is present. */
    private static <K, V> V lookup(ConcurrentMap<K, V> meters, K labels, Function<K, V> create) {
        V meter = meters.get(labels);
        return meter != null ? meter : meters.computeIfAbsent(labels, create);
    }

    private Counter requestCounter(RequestLabels labels) {
        return registry.getOrCreate(Counter.builder(REQUESTS)
                .description("Messages requests, by the status the client got")
                .tags(List.of(Tag.create("route", labels.route()),
                        Tag.create("client_model", labels.clientModel()),
                        Tag.create("upstream", labels.upstream()),
                        Tag.create("upstream_model", labels.upstreamModel()),
                        Tag.create("mode", mode(labels.stream())),
                        Tag.create("status", Integer.toString(labels.status())))));
    }

    private TokenCounters tokenCounters(ModelLabels labels) {
        return new TokenCounters(tokenCounter(labels, "input"), tokenCounter(labels, "output"),
                tokenCounter(labels, "cache_read"), tokenCounter(labels, "cache_write"));
    }

    private Counter tokenCounter(ModelLabels labels, String kind) {
        return registry.getOrCreate(Counter.builder(TOKENS)
                .description("Tokens as the client was told: input (uncached), cache_read and cache_write make up "
                        + "the prompt, output the answer")
                .tags(List.of(Tag.create("upstream", labels.upstream()),
                        Tag.create("upstream_model", labels.upstreamModel()),
                        Tag.create("kind", kind))));
    }

    private Latency latency(LatencyLabels labels) {
        List<Tag> tags = List.of(Tag.create("upstream", labels.upstream()), Tag.create("mode", mode(labels.stream())));
        return new Latency(
                registry.getOrCreate(Timer.builder(TIME_TO_FIRST_TOKEN)
                        .description("From the request's arrival to the first content the client got")
                        .tags(tags)
                        .percentiles(NO_PERCENTILES)
                        .buckets(LATENCY_BUCKETS)),
                registry.getOrCreate(Timer.builder(REQUEST_DURATION)
                        .description("From the request's arrival to the end of the answer, however it ended")
                        .tags(tags)
                        .percentiles(NO_PERCENTILES)
                        .buckets(LATENCY_BUCKETS)));
    }

    private Counter errorCounter(ErrorLabels labels) {
        return registry.getOrCreate(Counter.builder(UPSTREAM_ERRORS)
                .description("Failed upstream attempts, including those a fallback recovered from, by Anthropic "
                        + "error type and HTTP status (200 for an error inside a started stream)")
                .tags(List.of(Tag.create("upstream", labels.upstream()),
                        Tag.create("error_type", labels.errorType()),
                        Tag.create("status", Integer.toString(labels.status())))));
    }

    private Counter fallbackCounter(FallbackLabels labels) {
        return registry.getOrCreate(Counter.builder(FALLBACKS)
                .description("Moves to the next attempt after a failed one; from equals to for a route's retry")
                .tags(List.of(Tag.create("from", labels.from()), Tag.create("to", labels.to()))));
    }

    private AtomicInteger openStreamsGauge(String upstream) {
        AtomicInteger open = new AtomicInteger();
        registry.getOrCreate(Gauge.builder(STREAMS_OPEN, open, AtomicInteger::get)
                .description("Streams committed to a client and not yet ended")
                .tags(List.of(Tag.create("upstream", upstream))));
        return open;
    }

    private static String mode(boolean stream) {
        return stream ? "stream" : "sync";
    }

    private record RequestLabels(String route, String clientModel, String upstream, String upstreamModel,
                                 boolean stream, int status) {
    }

    private record ModelLabels(String upstream, String upstreamModel) {
    }

    private record LatencyLabels(String upstream, boolean stream) {
    }

    private record ErrorLabels(String upstream, String errorType, int status) {
    }

    private record FallbackLabels(String from, String to) {
    }

    private record TokenCounters(Counter input, Counter output, Counter cacheRead, Counter cacheWrite) {
        void add(ExchangeSummary.Tokens used) {
            input.increment(used.input());
            output.increment(used.output());
            cacheRead.increment(used.cacheRead());
            cacheWrite.increment(used.cacheCreation());
        }
    }

    private record Latency(Timer firstToken, Timer total) {
    }
}
