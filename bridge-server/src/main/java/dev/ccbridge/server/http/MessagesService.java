package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamRejection;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.anthropic.MessagesRequestReader;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.json.RawStrings;
import dev.ccbridge.server.observe.KeyFingerprint;
import dev.ccbridge.server.observe.PayloadLog;
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.translate.ErrorMapping;
import dev.ccbridge.server.translate.RequestTranslator;
import dev.ccbridge.server.translate.Translation;
import dev.ccbridge.server.upstream.Cancellation;
import dev.ccbridge.server.upstream.NotConfiguredException;
import dev.ccbridge.server.upstream.Route;
import dev.ccbridge.server.upstream.UnknownCatalogModelException;
import dev.ccbridge.server.upstream.UpstreamClient;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}. Claude Code adds {@code ?beta=true} to
 * both; query parameters do not affect routing.
 *
 * <p>A message request tries the upstreams of its route in order: on a connect failure, a timeout, a 429 or a
 * 5xx before anything went to the client, the next one; when the last one fails, its status and
 * {@code retry-after} reach the client unchanged.
 */
public final class MessagesService implements HttpService {

    private static final System.Logger LOG = System.getLogger("ccbridge.messages");
    private static final HeaderName SESSION_ID = HeaderNames.create("x-claude-code-session-id");

    private final Bridge bridge;
    private final CallerAuth auth;
    private final PayloadLog payloads;
    private final ClientConnectionWatcher watcher;
    private final StreamLimits streamLimits;

    /**
     * @param bridge the assembled bridge
     */
    public MessagesService(Bridge bridge) {
        this.bridge = bridge;
        this.auth = new CallerAuth(bridge.settings().gatewayKey());
        this.payloads = new PayloadLog(bridge.secrets(), bridge.settings().logs().payloadLogLimit());
        this.watcher = ClientConnectionWatcher.create(bridge.settings().watchClients());
        this.streamLimits = new StreamLimits(bridge.settings().maxStreamsPerKey());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/messages", this::messages)
                .post("/v1/messages/count_tokens", this::countTokens)
                .any("/v1/messages", UnmatchedRoutes.methodNotAllowed(bridge, "POST"))
                .any("/v1/messages/count_tokens", UnmatchedRoutes.methodNotAllowed(bridge, "POST"));
    }

    private void messages(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req);
        ExchangeTap tap = ExchangeTap.both(bridge.recorder().map(r -> r.begin(exchange.sessionId(),
                req.headers().first(HeaderNames.USER_AGENT).orElse(null))).orElse(ExchangeTap.NONE),
                payloads.begin(exchange.requestId()));
        Secrets secrets = secretsOf(exchange);
        ClientSide client = new ClientSide(res, exchange.requestId(), secrets, tap);
        ExchangeRecord record = new ExchangeRecord(exchange, "POST /v1/messages", secrets);
        try {
            Optional<AnthropicError> denied = auth.check(req.headers());
            if (denied.isPresent()) {
                tap.clientRequest("POST", req.path().rawPath(), req.query().rawValue(), headers(req), new byte[0]);
                fail(client, record, denied.get());
                return;
            }
            Admitted admitted = admit(req, tap);
            Route route = bridge.router().route(admitted.model());
            Optional<StreamLimits.Permit> permit = admitted.stream()
                    ? streamLimits.tryOpen(auth.admittingKey(req.headers()).orElse(null))
                    : Optional.of(StreamLimits.UNCOUNTED);
            if (permit.isEmpty()) {
                fail(client, record, streamLimits.refusal());
                return;
            }
            try (StreamLimits.Permit stream = permit.get();
                 ClientConnectionWatcher.Watch watch = watcher.watch(req, exchange.cancellation())) {
                answer(exchange, admitted, route, client, record, tap, secrets);
            }
        } catch (RuntimeException e) {
            if (exchange.cancellation().cancelled()) {
                abandoned(client, record);
            } else {
                fail(client, record, errorFor(e, exchange));
            }
        } finally {
            tap.finish();
            bridge.exchanges().exchangeFinished(record.summary(System.nanoTime()));
        }
    }

    /**
     * A parsed request, held only through a reference that the answer lets go of once a stream commits: a committed
     * stream has no next attempt, and letting the request go then frees a hundred kilobytes or more per open
     * stream. The body's bytes are held with it, as its long strings' source, and no longer; a local variable in a
     * caller's frame would keep either alive for as long as the stream runs.
     */
    private record Admitted(AtomicReference<ReadRequest> request, String model, boolean stream, int bodySize) {
    }

    /**
     * @param request    the request
     * @param rawStrings the long strings of its body, which the upstream request mostly repeats
     */
    private record ReadRequest(MessagesRequest request, RawStrings rawStrings) {
    }

    private Admitted admit(ServerRequest req, ExchangeTap tap) {
        byte[] body = RequestBody.read(req, bridge.settings().maxRequestBytes());
        tap.clientRequest("POST", req.path().rawPath(), req.query().rawValue(), headers(req), body);
        ReadRequest read = read(body);
        MessagesRequest request = read.request();
        return new Admitted(new AtomicReference<>(read), request.model(), request.stream(), body.length);
    }

    /**
     * Tries the route's upstreams in order until one answers or fails in a way the next cannot help with; stops
     * as soon as the client is gone.
     */
    private void answer(Exchange exchange, Admitted admitted, Route route, ClientSide client,
                        ExchangeRecord record, ExchangeTap tap, Secrets secrets) {
        AtomicReference<ReadRequest> pendingRequest = admitted.request();
        int clientBodySize = admitted.bodySize();
        // The answer when every upstream fails, and the failure not yet recorded as one that was failed over from:
        // that happens only once another upstream takes the request, not when it refuses it.
        AttemptOutcome.Failed last = null;
        AttemptOutcome.Failed pending = null;
        String pendingUpstream = null;
        for (Route.Target target : route.targets()) {
            for (int attempt = 0; attempt <= route.retries(); attempt++) {
                // Neither the request nor the plan is held in a local variable: this frame stays for as long as a
                // stream runs, and a frozen virtual thread's frames keep whatever their variables refer to.
                AtomicReference<Plan> unsent;
                try {
                    unsent = new AtomicReference<>(plan(exchange, pendingRequest.get(), target, secrets,
                            clientBodySize));
                } catch (UpstreamRejection rejection) {
                    // A refusal (e.g. a JoyToken allowlist) rules this upstream out; a real failure of an
                    // earlier upstream stays the more useful answer.
                    AnthropicError refused = ErrorMapping.of(rejection.failure().kind(),
                            rejection.failure().message());
                    LOG.log(System.Logger.Level.INFO, () -> secrets.mask(exchange.requestId() + ": upstream '"
                            + target.upstream().name() + "' refused the request: " + refused.message()));
                    if (last == null) {
                        last = new AttemptOutcome.Failed(refused, true);
                    }
                    break;
                }
                if (pending != null) {
                    record.attemptFailed(pendingUpstream, pending.error());
                    pending = null;
                }
                record.plan(admitted.model(), target.upstream().name(), target.model(), admitted.stream());
                AttemptOutcome outcome = admitted.stream()
                        ? new StreamRelay(bridge, client, record, tap).run(unsent, () -> pendingRequest.set(null))
                        : new CompletionRelay(bridge, client, record, tap).run(unsent.get());
                // An answered exchange stays answered even if the client leaves right after it.
                switch (outcome) {
                    case AttemptOutcome.Answered answered -> {
                        return;
                    }
                    case AttemptOutcome.Abandoned gone -> {
                        abandoned(client, record);
                        return;
                    }
                    case AttemptOutcome.Failed failed -> {
                        if (exchange.cancellation().cancelled()) {
                            abandoned(client, record);
                            return;
                        }
                        if (!failed.fallback()) {
                            fail(client, record, failed.error());
                            return;
                        }
                        last = failed;
                        pending = failed;
                        pendingUpstream = target.upstream().name();
                    }
                }
            }
        }
        fail(client, record, last.error());
    }

    private Plan plan(Exchange exchange, ReadRequest read, Route.Target target, Secrets secrets,
                      int clientBodySize) {
        MessagesRequest request = read.request();
        Capabilities capabilities = target.upstream().adapter().capabilities(target.model());
        Translation translation = RequestTranslator.translate(request, target.model(), capabilities,
                target.upstream().name(), exchange.sessionId());
        for (String note : translation.notes()) {
            LOG.log(System.Logger.Level.INFO, () -> secrets.mask(exchange.requestId() + ": " + note));
        }
        OutboundRequest outbound = new OutboundRequest(target.upstream().adapter().chatCompletionsUri(target.model()),
                translation.body(), exchange.requestId(), exchange.callerKey(), target.options());
        target.upstream().adapter().prepare(outbound);
        Attempt attempt = new Attempt(exchange, target, capabilities,
                new PromptEstimate(translation.body(), read.rawStrings()), request.model(), request.stopSequences(),
                translation.toolNames());
        return new Plan(attempt, outbound, UpstreamClient.serialise(outbound, clientBodySize,
                read.rawStrings()));
    }

    private void countTokens(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req);
        ClientSide client = new ClientSide(res, exchange.requestId(), secretsOf(exchange), ExchangeTap.NONE);
        try {
            Optional<AnthropicError> denied = auth.check(req.headers());
            if (denied.isPresent()) {
                client.sendError(denied.get());
                return;
            }
            byte[] body = RequestBody.read(req, bridge.settings().maxRequestBytes());
            // Nothing of the body is written out again, so where its long strings lie is not kept.
            MessagesRequest request = model(RequestBody.parse(body, JsonBytes::read));
            Capabilities capabilities;
            String upstreamModel;
            String upstreamName;
            try {
                Route.Target target = bridge.router().route(request.model()).targets().getFirst();
                upstreamModel = target.model();
                upstreamName = target.upstream().name();
                capabilities = target.upstream().adapter().capabilities(upstreamModel);
            } catch (NotConfiguredException e) {
                upstreamModel = request.model();
                upstreamName = "none";
                capabilities = Capabilities.builder().build();
            }
            Translation translation = RequestTranslator.translate(request, upstreamModel, capabilities, upstreamName,
                    exchange.sessionId());
            int tokens = bridge.tokens().countRequest(translation.body());
            client.sendJson(200, JsonFactories.BUILDERS.createObjectBuilder().add("input_tokens", tokens).build()
                    .toString().getBytes(StandardCharsets.UTF_8), Map.of());
        } catch (RuntimeException e) {
            client.sendError(errorFor(e, exchange));
        }
    }

    private ReadRequest read(byte[] body) {
        JsonBytes.Document document = RequestBody.parse(body, JsonBytes::readDocument);
        return new ReadRequest(model(document.value()), document.rawStrings());
    }

    private MessagesRequest model(JsonValue json) {
        MessagesRequest request = MessagesRequestReader.read(json, bridge.settings().defaultMaxTokens());
        if (!request.ignoredFields().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "ignored request fields: " + request.ignoredFields());
        }
        return request;
    }

    private Exchange exchange(ServerRequest req) {
        long startNanos = System.nanoTime();
        return new Exchange(RequestIds.of(req.headers(), bridge.ids()),
                auth.forwardableKey(req.headers()).orElse(null),
                auth.presentedKey(req.headers()).map(KeyFingerprint::of).orElse(null),
                req.headers().first(SESSION_ID).orElse(null),
                bridge.clock().instant(), startNanos, new Cancellation());
    }

    /** Every configured secret and the key this caller presented, which upstream errors sometimes quote. */
    private Secrets secretsOf(Exchange exchange) {
        return exchange.callerKey() == null ? bridge.secrets() : bridge.secrets().and(exchange.callerKey());
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        req.headers().forEach(h -> out.put(h.name().toLowerCase(Locale.ROOT), h.allValues()));
        return out;
    }

    private AnthropicError errorFor(RuntimeException e, Exchange exchange) {
        return switch (e) {
            case InvalidRequestException invalid -> AnthropicError.invalidRequest(invalid.getMessage());
            case RequestBody.TooLargeException tooLarge ->
                    new AnthropicError(413, "request_too_large", tooLarge.getMessage());
            case NotConfiguredException notConfigured -> AnthropicError.invalidRequest(notConfigured.getMessage());
            case UnknownCatalogModelException unknown ->
                    new AnthropicError(404, "not_found_error", unknown.getMessage());
            case UpstreamRejection rejection -> ErrorMapping.of(rejection.failure().kind(),
                    rejection.failure().message());
            default -> {
                LOG.log(System.Logger.Level.ERROR, exchange.requestId() + ": internal error", e);
                yield new AnthropicError(500, "api_error", "the bridge failed to handle this request; see the bridge "
                        + "log for request " + exchange.requestId());
            }
        };
    }

    private static void abandoned(ClientSide client, ExchangeRecord record) {
        record.clientGone();
        if (!client.sent()) {
            record.failed(ClientSide.CLIENT_GONE);
            client.abandon();
        }
    }

    private static void fail(ClientSide client, ExchangeRecord record, AnthropicError error) {
        record.failed(error);
        if (!client.sent()) {
            client.sendError(error);
        }
    }
}
