package dev.ccbridge.server.http;

import dev.ccbridge.server.IdGenerator;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.regex.Pattern;

/**
 * The exchange's request id: the client's {@code x-request-id} when it is a safe token (so logs on both sides
 * line up), otherwise a new {@code req_...} id. Anything else a client sends is not echoed, so a header cannot
 * inject text into logs or upstream requests.
 */
final class RequestIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String of(Headers headers, IdGenerator ids) {
        return headers.first(HeaderNames.create("x-request-id"))
                .filter(id -> SAFE.matcher(id).matches())
                .orElseGet(() -> ids.next("req_"));
    }
}
