package dev.ccbridge.server.testing;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real OpenAI-compatible upstream for tests: an HTTP/1.1 server on 127.0.0.1 and a random port, with
 * keep-alive and chunked SSE, that answers from a script and records every request it gets. Raw sockets, so a
 * test can also make it misbehave on purpose (stall, reset, close early).
 */
public final class UpstreamStub implements AutoCloseable {

    /**
     * A request the stub received.
     *
     * @param method  the HTTP method
     * @param path    the path with query
     * @param headers headers, names in lower case
     * @param body    the body as text
     */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        /**
         * @return the body as a JSON object
         */
        public JsonObject json() {
            try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    /** How the stub answers one request. */
    public sealed interface Reply {
    }

    /**
     * A complete response.
     *
     * @param status      the status
     * @param contentType the content type
     * @param body        the body
     * @param headers     extra headers
     */
    public record Whole(int status, String contentType, String body, Map<String, String> headers) implements Reply {
    }

    /**
     * A whole response with a body of any bytes, UTF-8 or not.
     *
     * @param status      the status
     * @param contentType the content type
     * @param body        the body
     */
    public record Raw(int status, String contentType, byte[] body) implements Reply {
    }

    /**
     * A chunked stream, one chunk per piece, {@code gap} apart.
     *
     * @param status        the status
     * @param contentType   the content type
     * @param pieces        the pieces, in order
     * @param gap           the pause before each piece after the first
     * @param headers       extra headers
     * @param endWithReset  close the connection abruptly (RST) after the pieces instead of ending the body
     * @param stallAfter    after the pieces, stay silent this long before ending (or resetting)
     */
    public record Streamed(int status, String contentType, List<String> pieces, Duration gap,
                           Map<String, String> headers, boolean endWithReset, Duration stallAfter) implements Reply {
    }

    /**
     * No answer at all: the stub reads the request, stays silent for {@code duration}, then closes the connection.
     *
     * @param duration how long to stay silent
     */
    public record Silent(Duration duration) implements Reply {
    }

    /**
     * A complete head whose {@code Content-Length} promises more than the body that follows; the stub then closes
     * the connection (a clean FIN), like an upstream that dies while sending a whole body.
     *
     * @param status         the status
     * @param contentType    the content type
     * @param body           the part of the body that is sent
     * @param declaredLength the length the head announces, larger than the body
     */
    public record Truncated(int status, String contentType, String body, int declaredLength) implements Reply {
    }

    /**
     * @param duration how long to stay silent before closing the connection
     * @return a reply that never sends a byte, like an upstream stuck before its first byte
     */
    public static Reply silent(Duration duration) {
        return new Silent(duration);
    }

    /**
     * @param status  the status
     * @param body    a JSON body
     * @return a JSON reply
     */
    public static Reply json(int status, String body) {
        return new Whole(status, "application/json", body, Map.of());
    }

    /**
     * @param status  the status
     * @param body    a JSON body
     * @param headers extra headers
     * @return a JSON reply with headers
     */
    public static Reply json(int status, String body, Map<String, String> headers) {
        return new Whole(status, "application/json", body, headers);
    }

    /**
     * @param sse an SSE body; each event (separated by a blank line) is sent as its own chunk
     * @return a streamed reply with no pauses
     */
    public static Reply sse(String sse) {
        return sse(sse, Duration.ZERO);
    }

    /**
     * @param sse an SSE body
     * @param gap the pause between events
     * @return a streamed reply
     */
    public static Reply sse(String sse, Duration gap) {
        return new Streamed(200, "text/event-stream", events(sse), gap, Map.of(), false, Duration.ZERO);
    }

    /**
     * @param sse an SSE body
     * @return the body split into events, each with its terminating blank line
     */
    public static List<String> events(String sse) {
        List<String> pieces = new ArrayList<>();
        String normalised = sse.replace("\r\n", "\n");
        int start = 0;
        while (start < normalised.length()) {
            int end = normalised.indexOf("\n\n", start);
            if (end < 0) {
                pieces.add(normalised.substring(start));
                break;
            }
            pieces.add(normalised.substring(start, end + 2));
            start = end + 2;
        }
        return pieces;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Long> hangUps = new LinkedBlockingQueue<>();
    private volatile Function<Recorded, Reply> fallback =
            request -> json(500, "{\"error\":{\"message\":\"the stub has no reply scripted\",\"type\":\"server_error\"}}");
    private volatile boolean closed;

    private UpstreamStub() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofVirtual().name("stub-acceptor").start(this::accept);
    }

    /**
     * @return a started stub
     */
    public static UpstreamStub start() {
        try {
            return new UpstreamStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * @return the base URL to configure, {@code http://127.0.0.1:PORT/v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * @param reply the reply to the next unanswered request
     * @return this stub
     */
    public UpstreamStub enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    /**
     * @param replies answers every request the script does not cover
     * @return this stub
     */
    public UpstreamStub otherwise(Function<Recorded, Reply> replies) {
        this.fallback = replies;
        return this;
    }

    /**
     * @return every request received, in order
     */
    public List<Recorded> requests() {
        return Collections.unmodifiableList(requests);
    }

    /**
     * @return the last request received
     */
    public Recorded lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the upstream stub received no request");
        }
        return requests.getLast();
    }

    /**
     * @return connections currently open to the stub
     */
    public int openConnections() {
        return open.size();
    }

    /**
     * Waits for the bridge to hang up on a reply the stub is still giving: closing or resetting the connection
     * while the stub pauses or writes. Pauses watch the socket, so the moment is seen within a few milliseconds
     * even when the stub has nothing to write.
     *
     * @param timeout how long to wait
     * @return when the stub saw it ({@link System#nanoTime()})
     * @throws AssertionError when the bridge did not hang up in time
     */
    public long awaitHangUp(Duration timeout) {
        try {
            Long at = hangUps.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (at == null) {
                throw new AssertionError("the bridge did not hang up on the stub within " + timeout.toMillis() + " ms");
            }
            return at;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Forgets the requests, the script and the hang-ups seen. */
    public void reset() {
        requests.clear();
        script.clear();
        hangUps.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        acceptor.interrupt();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                // As real upstreams send: without it, Nagle holds each small chunk until the bridge acknowledges
                // the previous one, up to 40 ms with delayed ACKs, and a reset can overtake the chunks before it.
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread.ofVirtual().name("stub-connection").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Recorded request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Reply reply = script.poll();
                if (reply == null) {
                    reply = fallback.apply(request);
                }
                boolean reusable;
                try {
                    reusable = write(reply, socket, in, out);
                } catch (IOException e) {
                    hungUp();
                    return;
                }
                if (!reusable) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer went away, or the stub is closing
        } finally {
            open.remove(socket);
        }
    }

    /** @return false when the connection must not be reused */
    private static void writeWhole(OutputStream out, int status, String contentType, Map<String, String> headers,
                                   byte[] body) throws IOException {
        StringBuilder head = statusLine(status, contentType, headers);
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private boolean write(Reply reply, Socket socket, InputStream in, OutputStream out) throws IOException {
        switch (reply) {
            case Silent silent -> {
                pause(socket, in, silent.duration());
                return false;
            }
            case Whole whole -> {
                writeWhole(out, whole.status(), whole.contentType(), whole.headers(),
                        whole.body().getBytes(StandardCharsets.UTF_8));
                return true;
            }
            case Raw raw -> {
                writeWhole(out, raw.status(), raw.contentType(), Map.of(), raw.body());
                return true;
            }
            case Truncated truncated -> {
                byte[] body = truncated.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = statusLine(truncated.status(), truncated.contentType(), Map.of());
                head.append("Content-Length: ").append(truncated.declaredLength()).append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return false;
            }
            case Streamed streamed -> {
                StringBuilder head = statusLine(streamed.status(), streamed.contentType(), streamed.headers());
                head.append("Transfer-Encoding: chunked\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                boolean first = true;
                for (String piece : streamed.pieces()) {
                    if (!first && !pause(socket, in, streamed.gap())) {
                        return false;
                    }
                    first = false;
                    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                if (!pause(socket, in, streamed.stallAfter())) {
                    return false;
                }
                if (streamed.endWithReset()) {
                    socket.setSoLinger(true, 0);
                    socket.close();
                    return false;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return true;
            }
        }
    }

    /**
     * Stays silent for a while, watching the connection: the bridge sends nothing more on it until the reply
     * ends, so end of stream or an error means it hung up.
     *
     * @return false when the bridge hung up during the pause
     */
    private boolean pause(Socket socket, InputStream in, Duration duration) throws IOException {
        long deadline = System.nanoTime() + duration.toNanos();
        int originalTimeout = socket.getSoTimeout();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(left / 1_000_000, 50)));
                in.mark(1);
                try {
                    if (in.read() < 0) {
                        hungUp();
                        return false;
                    }
                    in.reset();
                    Thread.sleep(Duration.ofNanos(Math.min(left, 10_000_000)));
                } catch (SocketTimeoutException e) {
                    // still there
                } catch (IOException e) {
                    hungUp();
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(originalTimeout);
            }
        }
    }

    private void hungUp() {
        if (!closed) {
            hangUps.add(System.nanoTime());
        }
    }

    private static StringBuilder statusLine(int status, String contentType, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static Recorded readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            body = new byte[0];
        }
        return new Recorded(parts[0], parts.length > 1 ? parts[1] : "/", Map.copyOf(headers),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                throw new SocketException("chunked body ended early");
            }
            int length = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (length == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
