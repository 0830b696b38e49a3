package dev.ccbridge.server.http;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.translate.StopReasons;
import dev.ccbridge.server.upstream.Guard;
import dev.ccbridge.server.upstream.Watchdog;

import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/** Reading whole upstream bodies: error bodies, and completions. */
final class UpstreamBodies {

    private static final int ERROR_LIMIT = 64 * 1024;
    private static final int BODY_LIMIT = 64 * 1024 * 1024;

    /** A body that cannot be used, with the error to answer. */
    static final class UnusableBodyException extends RuntimeException {
        private final transient AnthropicError error;

        UnusableBodyException(AnthropicError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        AnthropicError error() {
            return error;
        }
    }

    private UpstreamBodies() {
    }

    static boolean isEventStream(Map<String, List<String>> headers) {
        List<String> type = headers.get("content-type");
        return type != null && !type.isEmpty() && type.getFirst().toLowerCase(Locale.ROOT).contains("event-stream");
    }

    /**
     * @param response an error response
     * @param attempt     the exchange
     * @param copy     receives the bytes, for the recording
     * @return the first 64 KiB of its body; empty when it could not be read (the status still says what
     *         happened)
     */
    static String readError(HttpClientResponse response, Attempt attempt, OutputStream copy) {
        try {
            return new String(read(response, ERROR_LIMIT, attempt, copy), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * @param response a response whose body is one JSON document
     * @param attempt     the exchange
     * @param copy     receives the bytes, for the recording
     * @return its body, up to 64 MiB
     */
    static byte[] readAll(HttpClientResponse response, Attempt attempt, OutputStream copy) {
        return read(response, BODY_LIMIT, attempt, copy);
    }

    /**
     * Reads a whole body, ending the read when the upstream goes silent (its first-byte timeout until the body
     * starts, its idle timeout between bytes after that; a socket read timeout cannot express either, since it is
     * fixed for the connection) or when the exchange is cancelled.
     *
     * @throws UncheckedIOException with a {@link SocketTimeoutException} when the upstream went silent
     * @throws CancellationException when the exchange was cancelled
     */
    private static byte[] read(HttpClientResponse response, int limit, Attempt attempt, OutputStream copy) {
        AtomicLong lastByte = new AtomicLong();
        long start = System.nanoTime();
        long firstByte = attempt.upstream().firstByteTimeout().toNanos();
        long idle = attempt.upstream().idleTimeout().toNanos();
        try (Guard guard = Watchdog.shared().guard(() -> {
            long last = lastByte.get();
            return last == 0 ? start + firstByte : last + idle;
        }, () -> new UncheckedIOException(new SocketTimeoutException(lastByte.get() == 0
                ? "its body did not start within the first-byte timeout of "
                        + attempt.upstream().firstByteTimeout().toMillis() + " ms"
                : "its body stalled for longer than the idle timeout of "
                        + attempt.upstream().idleTimeout().toMillis() + " ms")),
                attempt.exchange().cancellation())) {
            byte[] bytes;
            try {
                bytes = readBody(progressed(response.inputStream(), lastByte), response.headers().contentLength(),
                        limit);
            } catch (IOException e) {
                throw guard.failed(new UncheckedIOException(e));
            } catch (RuntimeException e) {
                throw guard.failed(e);
            }
            guard.succeeded(response::close);
            copy.write(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a body of a declared length into one array of that size: read in buffer-sized steps instead, a small
     * body costs two 16 KiB buffers, ours and the client's, which sizes its reads by the length asked for.
     */
    private static byte[] readBody(InputStream in, OptionalLong declared, int limit) throws IOException {
        if (declared.isEmpty() || declared.getAsLong() > limit) {
            return in.readNBytes(limit);
        }
        int length = (int) declared.getAsLong();
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        // Reading on to the end, a byte at a time so as not to ask for another buffer, lets the client know the body
        // was consumed and finds any bytes past the declared length.
        int next = in.read();
        if (next < 0 || read == limit) {
            return read == length ? bytes : Arrays.copyOf(bytes, read);
        }
        byte[] rest = in.readNBytes(limit - read - 1);
        byte[] all = Arrays.copyOf(bytes, read + 1 + rest.length);
        all[read] = (byte) next;
        System.arraycopy(rest, 0, all, read + 1, rest.length);
        return all;
    }

    private static InputStream progressed(InputStream in, AtomicLong lastByte) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    lastByte.set(System.nanoTime());
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = super.read(bytes, offset, length);
                if (read > 0) {
                    lastByte.set(System.nanoTime());
                }
                return read;
            }
        };
    }

    /**
     * @param body     a 200 body that should hold a chat completion
     * @param attempt     the exchange
     * @return the completion JSON after the adapter's quirks
     * @throws UnusableBodyException when it is not JSON, or is an error object
     */
    static JsonObject completion(byte[] body, Attempt attempt) {
        JsonValue parsed;
        try {
            parsed = lenient(body);
        } catch (JsonException e) {
            throw new UnusableBodyException(notACompletion(attempt, "not JSON"));
        }
        if (!(parsed instanceof JsonObject json)) {
            throw new UnusableBodyException(notACompletion(attempt, "a JSON array"));
        }
        boolean error = json.get("error") != null && json.get("error").getValueType() != JsonStructure.ValueType.NULL;
        if (error && (!json.containsKey("choices") || StopReasons.isFailure(firstFinishReason(json)))) {
            throw new UnusableBodyException(UpstreamErrors.fromInBand(attempt.upstream(),
                    json.get("error") instanceof JsonObject inner ? inner : json, attempt.capabilities(),
                    attempt.inputEstimate()));
        }
        for (ChunkQuirk quirk : attempt.upstream().adapter().chunkQuirks(attempt.upstreamModel())) {
            json = quirk.rewriteCompletion(json);
        }
        return json;
    }

    /** An upstream's bytes that are not UTF-8 are read as a decoder reads them, as U+FFFD, not refused. */
    private static JsonValue lenient(byte[] body) {
        try {
            return JsonBytes.read(body);
        } catch (JsonBytes.NotUtf8Exception e) {
            return JsonBytes.read(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String firstFinishReason(JsonObject json) {
        if (json.get("choices") instanceof jakarta.json.JsonArray choices && !choices.isEmpty()
                && choices.get(0) instanceof JsonObject choice && choice.get("finish_reason") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    private static AnthropicError notACompletion(Attempt attempt, String what) {
        return new AnthropicError(502, "api_error", "upstream '" + attempt.upstream().name()
                + "' answered 200 with a body that is " + what + " instead of a chat completion; check that its "
                + "base URL is the OpenAI-compatible API (such as https://host/v1), not a web page or another API");
    }
}
