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
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.UpstreamClient;

import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one streamed attempt at one upstream: sends the request, and relays the upstream's chunks to the client
 * as Anthropic events. Events are flushed as soon as no further upstream event is waiting: chunks that arrive
 * together (an upstream or a network that batches them) go out in one write rather than one each, and a chunk that
 * arrives alone goes out at once.
 *
 * <p>The response is committed (status 200 and {@code message_start}) only when the upstream's first chunk
 * arrives. Until then every failure is returned to the caller, which may try the next upstream or answer with the
 * failure's real HTTP status. An upstream that has answered but stays silent longer than the ping interval gets
 * the response committed at the first {@code ping}, so the client sees the stream is alive; after the commit,
 * failures become an {@code error} event. Pings repeat every ping interval of silence, which is also how a client
 * that went away is noticed where the {@link ClientConnectionWatcher} does not run; an upstream silent for longer
 * than its idle timeout is given up. A cancelled exchange (its client went away) ends at once, writing nothing more.
 */
final class StreamRelay {

    private static final Duration DRAIN = Duration.ofSeconds(2);
    /** However fast the upstream sends, the client gets what is translated at least every this many bytes. */
    private static final int FLUSH_AT = 16 * 1024;
    private static final System.Logger LOG = System.getLogger("ccbridge.stream");

    private final Bridge bridge;
    private Attempt attempt;
    private Runnable onCommit;
    private final ClientSide client;
    private final ExchangeRecord record;
    private final ExchangeTap tap;
    private final SseEncoder encoder = new SseEncoder();
    private final List<StreamEvent> events = new ArrayList<>();
    private StreamTranslator translator;
    private ExchangeObserver observer;
    private OutputStream out;
    private long firstChunk;

    StreamRelay(Bridge bridge, ClientSide client, ExchangeRecord record, ExchangeTap tap) {
        this.bridge = bridge;
        this.client = client;
        this.record = record;
        this.tap = tap;
    }

    /**
     * @param unsent    the request to send, taken out once sent, so that nothing keeps its body while the stream runs
     * @param committed told when the response is committed to the client, after which no other attempt follows
     * @return how the attempt ended
     */
    AttemptOutcome run(AtomicReference<Plan> unsent, Runnable committed) {
        attempt = unsent.get().attempt();
        onCommit = committed;
        ConfiguredUpstream upstream = attempt.upstream();
        if (!upstream.acquire()) {
            return AttemptOutcome.Failed.of(UpstreamErrors.saturated(upstream));
        }
        try {
            observer = upstream.adapter().observe();
            long sent = System.nanoTime();
            HttpClientResponse response;
            try {
                response = send(upstream, unsent.getAndSet(null));
            } catch (RuntimeException e) {
                return AttemptOutcome.Failed.of(UpstreamErrors.fromException(upstream, e));
            }
            int status = response.status().code();
            Map<String, List<String>> headers = ResponseHeaders.lowerCase(response.headers());
            observer.onResponseHeaders(status, headers);
            record.upstreamStatus(status);
            tap.upstreamResponse(status, headers);
            if (status != 200) {
                try (response) {
                    String body = UpstreamBodies.readError(response, attempt, tap.upstreamBody());
                    return AttemptOutcome.Failed.of(UpstreamErrors.fromResponse(upstream, status, headers, body,
                            attempt.capabilities(), attempt.inputEstimate()));
                }
            }
            translator = new StreamTranslator(new StreamContext(bridge.ids().next("msg_"),
                    attempt.clientModel(), attempt.inputEstimate(), attempt.toolNames(),
                    upstream.name(), attempt.stopSequences(), () -> bridge.ids().next("toolu_")));
            if (!UpstreamBodies.isEventStream(headers)) {
                try (response) {
                    return relayWholeBody(response);
                }
            }
            try (UpstreamEvents stream = new UpstreamEvents(response,
                    upstream.adapter().chunkQuirks(attempt.upstreamModel()), tap.upstreamBody(),
                    "upstream-" + attempt.exchange().requestId(), attempt.exchange().cancellation())) {
                return relay(stream, upstream, sent);
            }
        } finally {
            upstream.release();
            if (out != null) {
                bridge.metrics().streamEnded(upstream.name());
            }
        }
    }

    /** Sends the request from a frame of its own, gone once it returns. */
    private HttpClientResponse send(ConfiguredUpstream upstream, Plan plan) {
        tap.upstreamRequest(plan.outbound().uri(), UpstreamClient.sentHeaders(plan.outbound()), plan.body());
        return upstream.client().send(plan.outbound(), plan.body(), attempt.exchange().cancellation());
    }

    /**
     * Until the first chunk the upstream is held to its first-byte timeout, counted from the send (a reasoning
     * model may think for minutes before it says anything); after it, to its idle timeout between chunks.
     */
    private AttemptOutcome relay(UpstreamEvents stream, ConfiguredUpstream upstream, long sent) {
        long pingNanos = bridge.settings().pingInterval().toNanos();
        long lastWrite = System.nanoTime();
        try {
            while (!translator.ended()) {
                long now = System.nanoTime();
                boolean started = firstChunk != 0;
                long untilIdle = started ? upstream.idleTimeout().toNanos() - stream.silence(now)
                        : upstream.firstByteTimeout().toNanos() - (now - sent);
                if (untilIdle <= 0) {
                    AnthropicError silent = UpstreamErrors.silent(upstream, started);
                    if (out == null) {
                        return AttemptOutcome.Failed.of(silent);
                    }
                    translator.fail(silent, events);
                    emit();
                    flush();
                    break;
                }
                long untilPing = pingNanos - (now - lastWrite);
                if (untilPing <= 0) {
                    commit();
                    encoder.append(new StreamEvent.Ping());
                    flush();
                    lastWrite = System.nanoTime();
                    continue;
                }
                Object item = stream.poll(Duration.ofNanos(Math.min(untilPing, untilIdle)));
                if (item instanceof UpstreamEvents.Cancelled || attempt.exchange().cancellation().cancelled()) {
                    abandon();
                    return new AttemptOutcome.Abandoned();
                }
                if (item == null) {
                    continue;
                }
                AttemptOutcome.Failed failed = accept(item);
                if (failed != null) {
                    return failed;
                }
                if ((!stream.ready() || encoder.pending() >= FLUSH_AT) && flush()) {
                    lastWrite = System.nanoTime();
                }
            }
            flush();
            if (translator.stopReason() != null) {
                stream.awaitEnd(DRAIN);
            }
            out.close();
        } catch (UncheckedIOException | IOException e) {
            clientGone(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!ClientSide.isClientGone(e)) {
                throw e;
            }
            clientGone(e);
        } finally {
            record.finish(translator.stopReason(), translator.usage(), observer.report());
        }
        return new AttemptOutcome.Answered();
    }

    /** The client went away and the upstream request is cancelled: end the response if it started. */
    private void abandon() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // the client is gone: a failed close is expected
        }
    }

    /** @return a failure when the attempt ends before anything went to the client, else {@code null} */
    private AttemptOutcome.Failed accept(Object item) {
        switch (item) {
            case UpstreamEvent.Data data -> {
                if (firstChunk == 0) {
                    firstChunk = System.nanoTime();
                }
                observer.onChunk(data.json());
                ChatChunk chunk = ChunkDecoder.decode(data.json());
                if (out == null && chunk.error() != null) {
                    return AttemptOutcome.Failed.of(UpstreamErrors.fromInBand(attempt.upstream(), chunk.error(),
                            attempt.capabilities(), attempt.inputEstimate()));
                }
                commit();
                translator.onChunk(chunk, events);
            }
            case UpstreamEvent.Done done -> {
                if (out == null) {
                    return AttemptOutcome.Failed.of(
                            UpstreamErrors.empty(attempt.upstream(), "sent [DONE] before any chunk"));
                }
                translator.onDone(events);
            }
            case UpstreamEvent.Malformed malformed -> {
                AnthropicError error = UpstreamErrors.malformed(attempt.upstream(), malformed.problem());
                if (out == null) {
                    return AttemptOutcome.Failed.of(error);
                }
                translator.fail(error, events);
            }
            case UpstreamEvents.End end -> {
                if (out == null) {
                    return AttemptOutcome.Failed.of(UpstreamErrors.empty(attempt.upstream(),
                            "closed the stream without sending anything"));
                }
                translator.onEnd(events);
            }
            case UpstreamEvents.Failure failure -> {
                AnthropicError error = UpstreamErrors.fromException(attempt.upstream(), failure.cause());
                if (out == null) {
                    return AttemptOutcome.Failed.of(error);
                }
                translator.fail(error, events);
            }
            default -> {
                // SSE comments and unknown fields carry nothing to translate.
            }
        }
        emit();
        return null;
    }

    /** The upstream ignored {@code stream:true} and answered with one JSON body: translate it as one chunk. */
    private AttemptOutcome relayWholeBody(HttpClientResponse response) {
        JsonObject json;
        try {
            json = UpstreamBodies.completion(UpstreamBodies.readAll(response, attempt, tap.upstreamBody()), attempt);
        } catch (UpstreamBodies.UnusableBodyException e) {
            return AttemptOutcome.Failed.of(e.error());
        } catch (RuntimeException e) {
            return AttemptOutcome.Failed.of(UpstreamErrors.fromException(attempt.upstream(), e));
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
            clientGone(e);
        } finally {
            record.finish(translator.stopReason(), translator.usage(), observer.report());
        }
        return new AttemptOutcome.Answered();
    }

    private void emit() {
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Error error) {
                event = new StreamEvent.Error(client.masked(error.error()));
            }
            encoder.append(event);
            record.event(event);
        }
        events.clear();
    }

    private void commit() {
        if (out != null) {
            return;
        }
        out = client.openStream(observer.clientHeaders());
        onCommit.run();
        bridge.metrics().streamOpened(attempt.upstream().name());
        record.committed();
        encoder.append(translator.start());
    }

    /** @return whether anything was written */
    private boolean flush() throws IOException {
        if (encoder.pending() == 0) {
            return false;
        }
        encoder.drainTo(out);
        out.flush();
        return true;
    }

    private void clientGone(Exception e) {
        record.clientGone();
        LOG.log(System.Logger.Level.DEBUG, () -> attempt.exchange().requestId() + ": client went away: " + e);
    }
}
