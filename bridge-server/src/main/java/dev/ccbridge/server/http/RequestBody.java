package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.json.JsonBytes;

import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Function;

/** Reads a request body: bounded in size, strictly UTF-8, parsed as JSON with the parser's location on error. */
final class RequestBody {

    /** The body is larger than the configured limit. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes (bridge.max-request-bytes)", null, false, false);
        }
    }

    /**
     * Up to this declared length the body's array is made at once; a longer one grows as bytes arrive, so that a
     * client announcing a large body and sending none holds no more memory than it sent.
     */
    private static final int TRUSTED_DECLARED_LENGTH = 1024 * 1024;

    private RequestBody() {
    }

    /**
     * @param req   the request
     * @param limit the largest body accepted
     * @return the body's bytes
     * @throws TooLargeException when it is larger
     */
    static byte[] read(ServerRequest req, long limit) {
        if (req.headers().contentLength().orElse(0) > limit) {
            throw new TooLargeException(limit);
        }
        return readBytes(req, limit);
    }

    /**
     * @param bytes  a body
     * @param reader reads JSON from UTF-8 bytes: {@link JsonBytes#readDocument} to keep where the long strings lie,
     *               {@link JsonBytes#read} for the value alone
     * @param <T>    what it reads
     * @return its JSON
     * @throws InvalidRequestException when it is empty, not UTF-8 or not JSON
     */
    static <T> T parse(byte[] bytes, Function<byte[], T> reader) {
        if (bytes.length == 0) {
            throw new InvalidRequestException("", "request body is empty; expected a JSON object");
        }
        try {
            return reader.apply(bytes);
        } catch (JsonBytes.NotUtf8Exception e) {
            throw new InvalidRequestException("", "request body is not valid UTF-8");
        } catch (JsonException e) {
            throw new InvalidRequestException("", "request body is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] readBytes(ServerRequest req, long limit) {
        try (InputStream in = req.content().inputStream()) {
            int most = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
            long declared = req.headers().contentLength().orElse(-1);
            byte[] bytes = declared >= 0 && declared <= TRUSTED_DECLARED_LENGTH ? exactly(in, (int) declared)
                    : in.readNBytes(most);
            if (bytes.length > limit) {
                throw new TooLargeException(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body of a declared length into one array of that size, instead of growing and copying one. */
    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        return read == length ? bytes : Arrays.copyOf(bytes, read);
    }
}
