package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.json.JsonFactories;

import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body: bounded in size, strictly UTF-8, parsed as JSON with the parser's location on error. */
final class RequestBody {

    /** The body is larger than the configured limit. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes (bridge.max-request-bytes)", null, false, false);
        }
    }

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
     * @param bytes a body
     * @return its JSON
     * @throws InvalidRequestException when it is empty, not UTF-8 or not JSON
     */
    static JsonValue parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidRequestException("", "request body is empty; expected a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("", "request body is not valid UTF-8");
        }
        try (JsonParser parser = JsonFactories.PROVIDER.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new InvalidRequestException("", "request body is empty; expected a JSON object");
            }
            parser.next();
            JsonValue value = parser.getValue();
            // A reader would stop after the value and drop what follows; the parser sees it (Parsson throws).
            if (parser.hasNext()) {
                throw new InvalidRequestException("", "request body is not valid JSON: text after the JSON value at "
                        + "offset " + parser.getLocation().getStreamOffset());
            }
            return value;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports a document nested deeper than its limit with a bare RuntimeException.
            throw new InvalidRequestException("", "request body is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] readBytes(ServerRequest req, long limit) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new TooLargeException(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
