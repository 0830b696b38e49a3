package dev.ccbridge.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on 127.0.0.1 where connecting hangs: a listening socket that never accepts, its accept queue filled by
 * connections of its own, so the kernel drops further SYNs and a connect waits until its timeout. This is a connect
 * timeout on demand without depending on how the machine routes a non-routable address (some sandboxes answer
 * every outbound SYN).
 */
public final class FullBacklogListener implements AutoCloseable {

    private static final int BACKLOG = 1;
    private static final int PROBE_TIMEOUT_MILLIS = 200;
    private static final int MAX_FILLERS = 64;

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    private FullBacklogListener() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        while (fillers.size() < MAX_FILLERS) {
            Socket filler = new Socket();
            try {
                filler.connect(server.getLocalSocketAddress(), PROBE_TIMEOUT_MILLIS);
                fillers.add(filler);
            } catch (SocketTimeoutException e) {
                filler.close();
                return;
            }
        }
        close();
        throw new IllegalStateException("the accept queue never filled up after " + MAX_FILLERS + " connections");
    }

    /**
     * @return a listener whose accept queue is full
     */
    public static FullBacklogListener start() {
        try {
            return new FullBacklogListener();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a base URL on which connecting times out, {@code http://127.0.0.1:PORT/v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    @Override
    public void close() {
        for (Socket filler : fillers) {
            try {
                filler.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
