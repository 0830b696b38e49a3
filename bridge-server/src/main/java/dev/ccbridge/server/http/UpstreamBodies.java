package dev.ccbridge.server.http;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.translate.StopReasons;

import io.helidon.webclient.api.HttpClientResponse;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    static String readError(HttpClientResponse response, OutputStream copy) {
        return read(response, ERROR_LIMIT, copy);
    }

    static String readAll(HttpClientResponse response, OutputStream copy) {
        return read(response, BODY_LIMIT, copy);
    }

    /**
     * Reads a whole body that must be complete within a time limit; a socket read timeout cannot express that,
     * since it restarts with every byte.
     *
     * @param response the response
     * @param copy     receives the bytes, for the recording
     * @param limit    how long reading may take
     * @return the body
     * @throws UncheckedIOException with a {@link java.net.SocketTimeoutException} when it took longer
     */
    static String readAll(HttpClientResponse response, OutputStream copy, java.time.Duration limit) {
        java.util.concurrent.CompletableFuture<String> body = new java.util.concurrent.CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                body.complete(readAll(response, copy));
            } catch (RuntimeException e) {
                body.completeExceptionally(e);
            }
        });
        try {
            return body.get(limit.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            response.close();
            reader.interrupt();
            throw new UncheckedIOException(new java.net.SocketTimeoutException("the upstream's body did not arrive "
                    + "within " + limit.toMillis() + " ms"));
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(HttpClientResponse response, int limit, OutputStream copy) {
        try {
            InputStream in = response.inputStream();
            byte[] bytes = in.readNBytes(limit);
            copy.write(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param body     a 200 body that should hold a chat completion
     * @param plan     the exchange
     * @return the completion JSON after the adapter's quirks
     * @throws UnusableBodyException when it is not JSON, or is an error object
     */
    static JsonObject completion(String body, Plan plan) {
        JsonObject json;
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
            JsonStructure parsed = reader.read();
            if (!(parsed instanceof JsonObject object)) {
                throw new UnusableBodyException(notACompletion(plan, "a JSON array"));
            }
            json = object;
        } catch (JsonException e) {
            throw new UnusableBodyException(notACompletion(plan, "not JSON"));
        }
        boolean error = json.get("error") != null && json.get("error").getValueType() != JsonStructure.ValueType.NULL;
        if (error && (!json.containsKey("choices") || StopReasons.isFailure(firstFinishReason(json)))) {
            throw new UnusableBodyException(UpstreamErrors.fromInBand(plan.upstream(),
                    json.get("error") instanceof JsonObject inner ? inner : json, plan.capabilities(),
                    plan.inputEstimate()));
        }
        for (ChunkQuirk quirk : plan.upstream().adapter().chunkQuirks(plan.upstreamModel())) {
            json = quirk.rewriteCompletion(json);
        }
        return json;
    }

    private static String firstFinishReason(JsonObject json) {
        if (json.get("choices") instanceof jakarta.json.JsonArray choices && !choices.isEmpty()
                && choices.get(0) instanceof JsonObject choice && choice.get("finish_reason") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    private static AnthropicError notACompletion(Plan plan, String what) {
        return new AnthropicError(502, "api_error", "upstream '" + plan.upstream().name()
                + "' answered 200 with a body that is " + what + " instead of a chat completion; check that its "
                + "base URL is the OpenAI-compatible API (such as https://host/v1), not a web page or another API");
    }
}
