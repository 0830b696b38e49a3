package dev.ccbridge.server.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Two taps as one: every call goes to the first, then the second; bodies are copied to both.
 *
 * @param first  the first tap
 * @param second the second tap
 */
record TeeTap(ExchangeTap first, ExchangeTap second) implements ExchangeTap {

    @Override
    public void clientRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body) {
        first.clientRequest(method, path, query, headers, body);
        second.clientRequest(method, path, query, headers, body);
    }

    @Override
    public void upstreamRequest(URI url, Map<String, String> headers, byte[] body) {
        first.upstreamRequest(url, headers, body);
        second.upstreamRequest(url, headers, body);
    }

    @Override
    public void upstreamResponse(int status, Map<String, List<String>> headers) {
        first.upstreamResponse(status, headers);
        second.upstreamResponse(status, headers);
    }

    @Override
    public OutputStream upstreamBody() {
        return tee(first.upstreamBody(), second.upstreamBody());
    }

    @Override
    public void clientResponse(int status, Map<String, List<String>> headers) {
        first.clientResponse(status, headers);
        second.clientResponse(status, headers);
    }

    @Override
    public OutputStream clientBody() {
        return tee(first.clientBody(), second.clientBody());
    }

    @Override
    public void finish() {
        try {
            first.finish();
        } finally {
            second.finish();
        }
    }

    private static OutputStream tee(OutputStream one, OutputStream two) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                one.write(b);
                two.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                one.write(bytes, offset, length);
                two.write(bytes, offset, length);
            }
        };
    }
}
