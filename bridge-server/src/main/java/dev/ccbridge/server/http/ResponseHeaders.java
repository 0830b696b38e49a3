package dev.ccbridge.server.http;

import io.helidon.http.Header;
import io.helidon.http.Headers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Upstream response headers as the SPI sees them: names in lower case. */
final class ResponseHeaders {

    private ResponseHeaders() {
    }

    static Map<String, List<String>> lowerCase(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Header header : headers) {
            out.put(header.name().toLowerCase(Locale.ROOT), header.allValues());
        }
        return out;
    }
}
