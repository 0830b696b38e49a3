package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.anthropic.MessagesRequestReader;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.translate.RequestTranslator;
import dev.ccbridge.server.translate.Translation;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.NotConfiguredException;
import dev.ccbridge.server.upstream.Route;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonValue;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}. Claude Code adds {@code ?beta=true} to
 * both; query parameters do not affect routing.
 */
public final class MessagesService implements HttpService {

    private static final System.Logger LOG = System.getLogger("ccbridge.messages");

    private final Bridge bridge;
    private final CallerAuth auth;

    /**
     * @param bridge the assembled bridge
     */
    public MessagesService(Bridge bridge) {
        this.bridge = bridge;
        this.auth = new CallerAuth(bridge.settings().gatewayKey());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/messages", this::messages)
                .post("/v1/messages/count_tokens", this::countTokens);
    }

    private void messages(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req);
        ExchangeRecord record = new ExchangeRecord(exchange, "POST /v1/messages", bridge.secrets());
        try {
            Optional<AnthropicError> denied = auth.check(req.headers());
            if (denied.isPresent()) {
                fail(res, record, exchange, denied.get());
                return;
            }
            MessagesRequest request = read(req);
            Route route = bridge.router().route(request.model());
            ConfiguredUpstream upstream = route.upstreams().getFirst();
            Capabilities capabilities = upstream.adapter().capabilities(route.upstreamModel());
            Translation translation = RequestTranslator.translate(request, route.upstreamModel(), capabilities,
                    upstream.name(), exchange.sessionId());
            for (String note : translation.notes()) {
                LOG.log(System.Logger.Level.INFO, () -> exchange.requestId() + ": " + note);
            }
            int estimate = bridge.tokens().countRequest(translation.body());
            OutboundRequest outbound = new OutboundRequest(upstream.adapter().chatCompletionsUri(route.upstreamModel()),
                    translation.body(), exchange.requestId(), exchange.callerKey(), Map.of());
            upstream.adapter().prepare(outbound);
            Plan plan = new Plan(exchange, request, upstream, route.upstreamModel(), capabilities, translation,
                    outbound, estimate);
            record.plan(request.model(), upstream.name(), route.upstreamModel(), request.stream());
            if (request.stream()) {
                new StreamRelay(bridge, plan, res, record).run();
            } else {
                new CompletionRelay(bridge, plan, res, record).run();
            }
        } catch (RuntimeException e) {
            fail(res, record, exchange, errorFor(e, exchange));
        } finally {
            record.log();
        }
    }

    private void countTokens(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req);
        try {
            Optional<AnthropicError> denied = auth.check(req.headers());
            if (denied.isPresent()) {
                ErrorResponses.send(res, denied.get(), exchange.requestId(), bridge.secrets());
                return;
            }
            MessagesRequest request = read(req);
            Capabilities capabilities;
            String upstreamModel;
            String upstreamName;
            try {
                Route route = bridge.router().route(request.model());
                upstreamModel = route.upstreamModel();
                upstreamName = route.upstreams().getFirst().name();
                capabilities = route.upstreams().getFirst().adapter().capabilities(upstreamModel);
            } catch (NotConfiguredException e) {
                upstreamModel = request.model();
                upstreamName = "none";
                capabilities = Capabilities.builder().build();
            }
            Translation translation = RequestTranslator.translate(request, upstreamModel, capabilities, upstreamName,
                    exchange.sessionId());
            int tokens = bridge.tokens().countRequest(translation.body());
            res.status(Status.OK_200);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.header(ErrorResponses.REQUEST_ID, exchange.requestId());
            res.send(JsonFactories.BUILDERS.createObjectBuilder().add("input_tokens", tokens).build().toString());
        } catch (RuntimeException e) {
            ErrorResponses.send(res, errorFor(e, exchange), exchange.requestId(), bridge.secrets());
        }
    }

    private MessagesRequest read(ServerRequest req) {
        JsonValue body = RequestBody.readJson(req, bridge.settings().maxRequestBytes());
        MessagesRequest request = MessagesRequestReader.read(body, bridge.settings().defaultMaxTokens());
        if (!request.ignoredFields().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "ignored request fields: " + request.ignoredFields());
        }
        return request;
    }

    private Exchange exchange(ServerRequest req) {
        return new Exchange(RequestIds.of(req.headers(), bridge.ids()),
                auth.forwardableKey(req.headers()).orElse(null),
                req.headers().first(HeaderNames.create("x-claude-code-session-id")).orElse(null),
                System.nanoTime());
    }

    private AnthropicError errorFor(RuntimeException e, Exchange exchange) {
        return switch (e) {
            case InvalidRequestException invalid -> AnthropicError.invalidRequest(invalid.getMessage());
            case RequestBody.TooLargeException tooLarge ->
                    new AnthropicError(413, "request_too_large", tooLarge.getMessage());
            case NotConfiguredException notConfigured -> AnthropicError.invalidRequest(notConfigured.getMessage());
            default -> {
                LOG.log(System.Logger.Level.ERROR, exchange.requestId() + ": internal error", e);
                yield new AnthropicError(500, "api_error", "the bridge failed to handle this request ("
                        + e.getClass().getSimpleName() + "); see the bridge log for request " + exchange.requestId());
            }
        };
    }

    private void fail(ServerResponse res, ExchangeRecord record, Exchange exchange, AnthropicError error) {
        record.failed(error);
        if (!res.isSent()) {
            ErrorResponses.send(res, error, exchange.requestId(), bridge.secrets());
        }
    }
}
