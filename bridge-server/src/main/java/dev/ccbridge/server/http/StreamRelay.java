package dev.ccbridge.server.http;

import dev.ccbridge.api.ExchangeObserver;
import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.SseEncoder;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.openai.ChatChunk;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.translate.ErrorMapping;
import dev.ccbridge.server.translate.UpstreamErrorBody;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one streamed exchange: sends the request, and relays the upstream's chunks to the client as Anthropic
 * events, each flushed as soon as it is translated.
 *
 * <p>The response is committed (status 200 and {@code message_start}) only when the upstream's first chunk
 * arrives, so an upstream that fails at once keeps its real HTTP status; or, for an upstream that takes longer
 * than the ping interval to start, at the first ping, so the client sees the stream is alive. After that,
 * failures become an {@code error} event.
 */
final class StreamRelay {

    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger("ccbridge.stream");

    private final Bridge bridge;
    private final Plan plan;
    private final ServerResponse res;
    private final ExchangeRecord record;
    private final SseEncoder encoder = new SseEncoder();
    private final List<StreamEvent> events = new ArrayList<>();
    private StreamTranslator translator;
    private ExchangeObserver observer;
    private OutputStream out;

    StreamRelay(Bridge bridge, Plan plan, ServerResponse res, ExchangeRecord record) {
        this.bridge = bridge;
        this.plan = plan;
        this.res = res;
        this.record = record;
    }

    void run() {
        observer = plan.upstream().adapter().observe();
        HttpClientResponse response;
        try {
            response = bridge.client().send(plan.outbound());
        } catch (RuntimeException e) {
            failBeforeCommit(UpstreamErrors.fromException(plan.upstream(), e));
            return;
        }
        int status = response.status().code();
        Map<String, java.util.List<String>> headers = ResponseHeaders.lowerCase(response.headers());
        observer.onResponseHeaders(status, headers);
        record.upstreamStatus(status);
        if (status != 200) {
            try (response) {
                String body = UpstreamBodies.readError(response);
                failBeforeCommit(UpstreamErrors.fromResponse(plan.upstream(), status, headers, body,
                        plan.capabilities(), plan.inputEstimate()));
            }
            return;
        }
        translator = new StreamTranslator(new StreamContext(bridge.ids().next("msg_"),
                plan.request().model(), plan.inputEstimate(), plan.translation().toolNames(),
                plan.upstream().name(), plan.request().stopSequences(), () -> bridge.ids().next("toolu_")));
        if (!UpstreamBodies.isEventStream(headers)) {
            try (response) {
                relayWholeBody(response);
            }
            return;
        }
        try (UpstreamEvents upstream = new UpstreamEvents(response,
                plan.upstream().adapter().chunkQuirks(plan.upstreamModel()),
                "upstream-" + plan.exchange().requestId())) {
            relay(upstream);
        }
    }

    private void relay(UpstreamEvents upstream) {
        try {
            while (!translator.ended()) {
                Object item = upstream.poll(bridge.settings().pingInterval());
                if (item == null) {
                    commit();
                    encoder.append(new StreamEvent.Ping());
                    flush();
                    continue;
                }
                if (!accept(item)) {
                    return;
                }
                flush();
            }
            if (translator.stopReason() != null) {
                upstream.awaitEnd(DRAIN);
            }
            out.close();
        } catch (UncheckedIOException | IOException e) {
            record.clientGone();
            LOG.log(System.Logger.Level.DEBUG, () -> plan.exchange().requestId() + ": client went away: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (isClientGone(e)) {
                record.clientGone();
                return;
            }
            throw e;
        } finally {
            record.finish(translator.stopReason(), translator.usage(), observer.report());
        }
    }

    /** @return false when the exchange was answered with an HTTP error instead */
    private boolean accept(Object item) {
        switch (item) {
            case UpstreamEvent.Data data -> {
                observer.onChunk(data.json());
                ChatChunk chunk = ChunkDecoder.decode(data.json());
                if (out == null && chunk.error() != null) {
                    failBeforeCommit(ErrorMapping.inBand(UpstreamErrorBody.fromObject(chunk.error())));
                    return false;
                }
                commit();
                translator.onChunk(chunk, events);
            }
            case UpstreamEvent.Done done -> {
                if (out == null) {
                    failBeforeCommit(emptyStream("sent [DONE] before any chunk"));
                    return false;
                }
                translator.onDone(events);
            }
            case UpstreamEvent.Malformed malformed -> {
                AnthropicError error = new AnthropicError(502, "api_error", "upstream '" + plan.upstream().name()
                        + "' sent a chunk that is not JSON: " + malformed.problem());
                if (out == null) {
                    failBeforeCommit(error);
                    return false;
                }
                translator.fail(error, events);
            }
            case UpstreamEvents.End end -> {
                if (out == null) {
                    failBeforeCommit(emptyStream("closed the stream without sending anything"));
                    return false;
                }
                translator.onEnd(events);
            }
            case UpstreamEvents.Failure failure -> {
                AnthropicError error = UpstreamErrors.fromException(plan.upstream(), failure.cause());
                if (out == null) {
                    failBeforeCommit(error);
                    return false;
                }
                translator.fail(error, events);
            }
            default -> {
                // SSE comments and unknown fields carry nothing to translate.
            }
        }
        emit();
        return true;
    }

    /** The upstream ignored {@code stream:true} and answered with one JSON body: translate it as one chunk. */
    private void relayWholeBody(HttpClientResponse response) {
        JsonObject json;
        try {
            json = UpstreamBodies.completion(UpstreamBodies.readAll(response), plan);
        } catch (UpstreamBodies.UnusableBodyException e) {
            failBeforeCommit(e.error());
            return;
        }
        observer.onCompletion(json);
        ChatChunk chunk = Completion.read(json).asChunk();
        try {
            commit();
            translator.onChunk(chunk, events);
            translator.onDone(events);
            emit();
            flush();
            out.close();
        } catch (IOException | UncheckedIOException e) {
            record.clientGone();
        } finally {
            record.finish(translator.stopReason(), translator.usage(), observer.report());
        }
    }

    private void emit() {
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Error error) {
                event = new StreamEvent.Error(ErrorResponses.masked(error.error(), bridge.secrets()));
            }
            encoder.append(event);
            record.event(event);
        }
        events.clear();
    }

    private AnthropicError emptyStream(String what) {
        return new AnthropicError(502, "api_error", "upstream '" + plan.upstream().name() + "' " + what);
    }

    private void commit() {
        if (out != null) {
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-cache"));
        res.header(ErrorResponses.REQUEST_ID, plan.exchange().requestId());
        observer.clientHeaders().forEach((name, value) -> res.header(name, value));
        out = res.outputStream();
        record.committed();
        encoder.append(translator.start());
    }

    private void flush() throws IOException {
        if (encoder.hasPending()) {
            encoder.drainTo(out);
            out.flush();
        }
    }

    private void failBeforeCommit(AnthropicError error) {
        record.failed(error);
        ErrorResponses.send(res, error, plan.exchange().requestId(), bridge.secrets());
    }

    private static boolean isClientGone(RuntimeException e) {
        return e.getClass().getName().equals("io.helidon.webserver.ServerConnectionException")
                || e instanceof UncheckedIOException;
    }
}
