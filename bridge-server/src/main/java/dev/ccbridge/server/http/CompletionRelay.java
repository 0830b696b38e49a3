package dev.ccbridge.server.http;

import dev.ccbridge.api.ExchangeObserver;
import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.stream.MessageAccumulator;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.translate.CompletionTranslator;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.UpstreamClient;

import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Runs one non-streamed attempt at one upstream: one upstream completion, one Anthropic message. Claude Code
 * falls back to this path after any stream failure, so an upstream that streams anyway is folded into one message
 * rather than refused.
 */
final class CompletionRelay {

    private final Bridge bridge;
    private Attempt attempt;
    private final ClientSide client;
    private final ExchangeRecord record;
    private final ExchangeTap tap;

    CompletionRelay(Bridge bridge, ClientSide client, ExchangeRecord record, ExchangeTap tap) {
        this.bridge = bridge;
        this.client = client;
        this.record = record;
        this.tap = tap;
    }

    /**
     * @param plan the request to send; nothing keeps it once it is sent
     * @return how the attempt ended
     */
    AttemptOutcome run(Plan plan) {
        attempt = plan.attempt();
        ConfiguredUpstream upstream = attempt.upstream();
        if (!upstream.acquire()) {
            return AttemptOutcome.Failed.of(UpstreamErrors.saturated(upstream));
        }
        try {
            ExchangeObserver observer = upstream.adapter().observe();
            tap.upstreamRequest(plan.outbound().uri(), UpstreamClient.sentHeaders(plan.outbound()), plan.body());
            HttpClientResponse response;
            try {
                response = upstream.client().send(plan.outbound(), plan.body(),
                        attempt.exchange().cancellation());
            } catch (RuntimeException e) {
                return AttemptOutcome.Failed.of(UpstreamErrors.fromException(upstream, e));
            }
            try (response) {
                int status = response.status().code();
                Map<String, List<String>> headers = ResponseHeaders.lowerCase(response.headers());
                observer.onResponseHeaders(status, headers);
                record.upstreamStatus(status);
                tap.upstreamResponse(status, headers);
                if (status != 200) {
                    return AttemptOutcome.Failed.of(UpstreamErrors.fromResponse(upstream, status, headers,
                            UpstreamBodies.readError(response, attempt, tap.upstreamBody()), attempt.capabilities(),
                            attempt.inputEstimate()));
                }
                ResponseMessage message;
                try {
                    message = UpstreamBodies.isEventStream(headers) ? fold(response, observer)
                            : translate(response, observer);
                } catch (UpstreamBodies.UnusableBodyException e) {
                    return AttemptOutcome.Failed.of(e.error());
                } catch (RuntimeException e) {
                    return AttemptOutcome.Failed.of(UpstreamErrors.fromException(upstream, e));
                }
                record.finish(message.stopReason(), message.usage(), observer.report());
                try {
                    client.sendJson(200, AnthropicJson.message(message), observer.clientHeaders());
                } catch (RuntimeException e) {
                    if (!ClientSide.isClientGone(e)) {
                        throw e;
                    }
                    record.clientGone();
                }
                return new AttemptOutcome.Answered();
            }
        } finally {
            upstream.release();
        }
    }

    private ResponseMessage translate(HttpClientResponse response, ExchangeObserver observer) {
        byte[] body = UpstreamBodies.readAll(response, attempt, tap.upstreamBody());
        JsonObject json = UpstreamBodies.completion(body, attempt);
        observer.onCompletion(json);
        return CompletionTranslator.translate(Completion.read(json), bridge.ids().next("msg_"),
                attempt.clientModel(), attempt.toolNames(), attempt.upstream().name(),
                attempt.stopSequences(), attempt::inputEstimate, () -> bridge.ids().next("toolu_"));
    }

    /** The upstream streamed although asked not to: translate the stream and keep the whole message. */
    private ResponseMessage fold(HttpClientResponse response, ExchangeObserver observer) {
        StreamTranslator translator = new StreamTranslator(new StreamContext(bridge.ids().next("msg_"),
                attempt.clientModel(), attempt.inputEstimate(), attempt.toolNames(), attempt.upstream().name(),
                attempt.stopSequences(), () -> bridge.ids().next("toolu_")));
        MessageAccumulator message = new MessageAccumulator();
        message.accept(translator.start());
        List<StreamEvent> events = new ArrayList<>();
        try (UpstreamEvents stream = new UpstreamEvents(response,
                attempt.upstream().adapter().chunkQuirks(attempt.upstreamModel()), tap.upstreamBody(),
                "upstream-" + attempt.exchange().requestId(), attempt.exchange().cancellation())) {
            boolean started = false;
            while (!translator.ended()) {
                Duration limit = started ? attempt.upstream().idleTimeout() : attempt.upstream().firstByteTimeout();
                // Once started, the silence so far counts: a wait of the whole limit after a chunk that came just
                // before it would stretch the idle timeout towards twice its length.
                long wait = started ? limit.toNanos() - stream.silence(System.nanoTime()) : limit.toNanos();
                Object item = wait > 0 ? stream.poll(Duration.ofNanos(wait)) : null;
                if (item == null && started && stream.silence(System.nanoTime()) < limit.toNanos()) {
                    continue;
                }
                switch (item) {
                    case null -> translator.fail(UpstreamErrors.silent(attempt.upstream(), started), events);
                    case UpstreamEvent.Data data -> {
                        started = true;
                        observer.onChunk(data.json());
                        translator.onChunk(ChunkDecoder.decode(data.json()), events);
                    }
                    case UpstreamEvent.Done done -> translator.onDone(events);
                    case UpstreamEvent.Malformed malformed -> translator.fail(
                            UpstreamErrors.malformed(attempt.upstream(), malformed.problem()), events);
                    case UpstreamEvents.End end -> translator.onEnd(events);
                    case UpstreamEvents.Failure failure -> translator.fail(
                            UpstreamErrors.fromException(attempt.upstream(), failure.cause()), events);
                    case UpstreamEvents.Cancelled cancelled -> throw new CancellationException(
                            "the client went away");
                    default -> {
                    }
                }
                events.forEach(message::accept);
                events.clear();
            }
            stream.awaitEnd(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the upstream", e);
        }
        if (message.error() != null) {
            throw new UpstreamBodies.UnusableBodyException(message.error());
        }
        return message.message();
    }
}
