package dev.ccbridge.benchmarks;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor under the bridge's own cost: the same Helidon server and HTTP/1.1 client, configured as the bridge
 * configures them, relaying {@code POST /v1/messages} to the upstream's {@code /chat/completions} byte for byte,
 * without any JSON work. It answers the load harness's requests (a stream ends with a fixed {@code message_stop}
 * event, which the harness waits for), so the harness can run it as a target beside the bridge; what the bridge
 * costs above it is the bridge's, what it costs above nginx is Helidon's.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.ccbridge.benchmarks.HelidonFloor PORT UPSTREAM_BASE</pre>
 */
public final class HelidonFloor {

    private static final byte[] MESSAGE_STOP =
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_SIZE = 2048;

    private final Http1Client client;
    private final String completionsUri;

    private HelidonFloor(String upstreamBase) {
        this.completionsUri = upstreamBase + "/chat/completions";
        this.client = Http1Client.builder()
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .keepAlive(true)
                .followRedirects(false)
                .shareConnectionCache(false)
                .connectionCacheSize(256)
                .build();
    }

    /**
     * @param args the port and the upstream's base URL (ending in {@code /v1})
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: HelidonFloor PORT UPSTREAM_BASE");
            System.exit(2);
        }
        start(Integer.parseInt(args[0]), args[1]);
    }

    /**
     * @param port         the port on 127.0.0.1, or 0 for any free one
     * @param upstreamBase the upstream's base URL (ending in {@code /v1})
     * @return the started relay
     */
    static WebServer start(int port, String upstreamBase) {
        HelidonFloor floor = new HelidonFloor(upstreamBase);
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .useNio(false)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing.post("/v1/messages", floor::relay))
                .build()
                .start();
    }

    private void relay(ServerRequest req, ServerResponse res) throws IOException {
        byte[] body = req.content().inputStream().readAllBytes();
        try (HttpClientResponse upstream = client.post(completionsUri)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .submit(body)) {
            res.status(upstream.status());
            boolean stream = upstream.headers().contentType()
                    .map(type -> type.test(MediaTypes.TEXT_EVENT_STREAM))
                    .orElse(false);
            if (!stream) {
                res.header(HeaderValues.CONTENT_TYPE_JSON).send(upstream.inputStream().readAllBytes());
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            try (InputStream in = upstream.inputStream(); OutputStream out = res.outputStream()) {
                byte[] buffer = new byte[READ_SIZE];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                out.write(MESSAGE_STOP);
            }
        }
    }
}
