package dev.ccbridge.server.http;

import dev.ccbridge.api.ExchangeObserver;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.translate.CompletionTranslator;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Runs one non-streamed exchange: one upstream completion, one Anthropic message. */
final class CompletionRelay {

    private final Bridge bridge;
    private final Plan plan;
    private final ServerResponse res;
    private final ExchangeRecord record;

    CompletionRelay(Bridge bridge, Plan plan, ServerResponse res, ExchangeRecord record) {
        this.bridge = bridge;
        this.plan = plan;
        this.res = res;
        this.record = record;
    }

    void run() {
        ExchangeObserver observer = plan.upstream().adapter().observe();
        HttpClientResponse response;
        try {
            response = bridge.client().send(plan.outbound());
        } catch (RuntimeException e) {
            fail(UpstreamErrors.fromException(plan.upstream(), e));
            return;
        }
        try (response) {
            int status = response.status().code();
            Map<String, List<String>> headers = ResponseHeaders.lowerCase(response.headers());
            observer.onResponseHeaders(status, headers);
            record.upstreamStatus(status);
            if (status != 200) {
                fail(UpstreamErrors.fromResponse(plan.upstream(), status, headers, UpstreamBodies.readError(response),
                        plan.capabilities(), plan.inputEstimate()));
                return;
            }
            JsonObject json;
            try {
                json = UpstreamBodies.completion(UpstreamBodies.readAll(response), plan);
            } catch (UpstreamBodies.UnusableBodyException e) {
                fail(e.error());
                return;
            } catch (RuntimeException e) {
                fail(UpstreamErrors.fromException(plan.upstream(), e));
                return;
            }
            observer.onCompletion(json);
            ResponseMessage message = CompletionTranslator.translate(Completion.read(json),
                    bridge.ids().next("msg_"), plan.request().model(), plan.translation().toolNames(),
                    plan.upstream().name(), plan.request().stopSequences(), plan.inputEstimate(),
                    () -> bridge.ids().next("toolu_"));
            record.finish(message.stopReason(), message.usage(), observer.report());
            res.status(Status.OK_200);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.header(ErrorResponses.REQUEST_ID, plan.exchange().requestId());
            observer.clientHeaders().forEach((name, value) -> res.header(name, value));
            res.send(AnthropicJson.message(message));
        }
    }

    private void fail(AnthropicError error) {
        record.failed(error);
        ErrorResponses.send(res, error, plan.exchange().requestId(), bridge.secrets());
    }
}
