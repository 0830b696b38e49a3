package dev.ccbridge.server.http;

import dev.ccbridge.server.OnDemandLoop;
import dev.ccbridge.server.upstream.Cancellation;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices a client that went away while its request waits on the upstream, and cancels that upstream request, so
 * nobody pays for tokens nobody reads.
 *
 * <p>Until the first byte of a response, and for a whole non-streamed request, the bridge writes nothing to the
 * client, so a write cannot fail; Helidon 4.4 has no disconnect callback (helidon#10834), its HTTP/1 connection
 * thread is the one running the request, and reading the client's socket would consume a pipelined request. The
 * kernel knows, though: on Linux its socket table ({@link SocketTable}) shows a connection whose client sent FIN
 * as CLOSE_WAIT, and one that was reset as gone. While requests are in flight, one thread reads that table every
 * 250 ms (up to 750 ms when the table is long), once any of them has been in flight for 100 ms, and finds each
 * request's connection by its ports and the client's address; a connection that left ESTABLISHED, or vanished
 * after it had been seen, cancels its request. With nothing in flight the thread is not running. A client that
 * half-closes its side after sending the request (rare in HTTP/1.1) counts as gone, as it does for nginx.
 *
 * <p>Elsewhere than on Linux, or when {@code bridge.watch-clients} is off, nothing is watched: a streamed request
 * still notices a client that left at its next event or {@code ping} write.
 */
final class ClientConnectionWatcher {

    /** Claims a request's connection while it runs; closing it stops the watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** The watcher thread's name. */
    static final String THREAD_NAME = "client-connection-watcher";

    private static final System.Logger LOG = System.getLogger("ccbridge.disconnect");
    private static final Duration INTERVAL = Duration.ofMillis(250);
    /**
     * The table lists every socket of the machine, closed ones in TIME_WAIT included, so a scan can take 10 ms or
     * more on a busy host: the pause after a scan is at least this many times its length, which keeps the thread
     * under 3 % of a core, and at most {@link #LONGEST_INTERVAL}, which keeps a departure noticed within a second.
     */
    private static final int PAUSE_PER_SCAN_TIME = 40;
    private static final Duration LONGEST_INTERVAL = Duration.ofMillis(750);
    /**
     * A scan reads the kernel's whole table, which costs milliseconds with many sockets open, and most requests are
     * over before a scan could matter: only requests in flight this long are looked for.
     */
    private static final Duration GRACE = Duration.ofMillis(100);
    private static final Watch NONE = () -> {
    };

    /** One request's connection and what the current scan found of it. */
    private static final class Watched {
        private final long ports;
        private final byte[] remoteAddress;
        private final Cancellation cancellation;
        private final long since = System.nanoTime();
        private SocketTable.Family seenIn;
        private boolean established;
        private boolean closing;

        Watched(long ports, byte[] remoteAddress, Cancellation cancellation) {
            this.ports = ports;
            this.remoteAddress = remoteAddress;
            this.cancellation = cancellation;
        }
    }

    private final SocketTable table;
    private final Map<Long, Set<Watched>> watched = new ConcurrentHashMap<>();
    private final OnDemandLoop scans = new OnDemandLoop(THREAD_NAME, INTERVAL, watched::isEmpty, this::step);

    private ClientConnectionWatcher(SocketTable table) {
        this.table = table;
    }

    /**
     * @param enabled whether to watch ({@code bridge.watch-clients})
     * @return a watcher, active when enabled and the system has a socket table
     */
    static ClientConnectionWatcher create(boolean enabled) {
        return new ClientConnectionWatcher(enabled && SocketTable.available() ? new SocketTable() : null);
    }

    /**
     * @param req          the request whose client to watch
     * @param cancellation cancelled when the client is gone
     * @return the watch, to close when the request is answered
     */
    Watch watch(ServerRequest req, Cancellation cancellation) {
        if (table == null || !(req.remotePeer().address() instanceof InetSocketAddress remote)) {
            return NONE;
        }
        Watched entry = new Watched(SocketTable.ports(req.localPeer().port(), remote.getPort()),
                sixteenBytes(remote.getAddress()), cancellation);
        watched.computeIfAbsent(entry.ports, key -> ConcurrentHashMap.newKeySet()).add(entry);
        scans.wake();
        return () -> forget(entry);
    }

    private void forget(Watched entry) {
        watched.computeIfPresent(entry.ports, (key, entries) -> {
            entries.remove(entry);
            return entries.isEmpty() ? null : entries;
        });
    }

    /** @return the pause before the next step: scans take longer on a long table, and pause longer after */
    private long step(long pause) {
        if (!anyInFlightFor(GRACE)) {
            return pause;
        }
        long start = System.nanoTime();
        try {
            scan();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading the socket table failed", e);
        }
        return Math.clamp(PAUSE_PER_SCAN_TIME * (System.nanoTime() - start), INTERVAL.toNanos(),
                LONGEST_INTERVAL.toNanos());
    }

    private boolean anyInFlightFor(Duration time) {
        long startedBefore = System.nanoTime() - time.toNanos();
        for (Set<Watched> entries : watched.values()) {
            for (Watched entry : entries) {
                if (entry.since - startedBefore <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reads only the tables the watched connections are in; both while one has not been found yet. */
    private void scan() throws IOException {
        Set<SocketTable.Family> families = EnumSet.noneOf(SocketTable.Family.class);
        watched.values().forEach(entries -> entries.forEach(entry -> {
            entry.established = false;
            entry.closing = false;
            if (entry.seenIn == null) {
                families.addAll(EnumSet.allOf(SocketTable.Family.class));
            } else {
                families.add(entry.seenIn);
            }
        }));
        for (SocketTable.Family family : families) {
            table.scan(family, watched::containsKey, this::found);
        }
        watched.values().forEach(entries -> entries.forEach(entry -> {
            if (entry.established) {
                return;
            }
            if (entry.closing || entry.seenIn != null) {
                forget(entry);
                LOG.log(System.Logger.Level.DEBUG, () -> "the client of a request in flight went away ("
                        + (entry.closing ? "closing" : "connection gone") + "); cancelling its upstream request");
                entry.cancellation.cancel();
            }
        }));
    }

    private void found(SocketTable.Family family, long ports, byte[] remoteAddress, boolean established) {
        Set<Watched> entries = watched.get(ports);
        if (entries == null) {
            return;
        }
        for (Watched entry : entries) {
            if (Arrays.equals(entry.remoteAddress, remoteAddress)) {
                entry.established |= established;
                entry.closing |= !established;
                if (established) {
                    entry.seenIn = family;
                }
            }
        }
    }

    /** The address as the socket table shows it: IPv4 as an IPv4-mapped IPv6 address. */
    private static byte[] sixteenBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }
}
