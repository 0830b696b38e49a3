package dev.ccbridge.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Linux's tables of TCP sockets, {@code /proc/net/tcp} (IPv4 sockets) and {@code /proc/net/tcp6} (IPv6 sockets,
 * which include IPv4 connections to a dual-stack listener such as Java's): one line per socket with its local and
 * remote address and port and its state, e.g. {@code 3: 0100007F:1F90 0100007F:D431 01 ...}. A table is read
 * whole into one reused buffer; only the lines whose pair of ports is asked for are decoded further. Most of a
 * scan's cost is the kernel's: it walks its whole connection hash table to print either file.
 */
final class SocketTable {

    /** The two tables. */
    enum Family {
        /** IPv4 sockets. */
        TCP,
        /** IPv6 sockets, dual-stack ones included. */
        TCP6
    }

    /** Called for each socket whose ports were asked for. */
    interface Visitor {
        /**
         * @param family        the table it is in
         * @param ports         {@link #ports(int, int)} of the socket
         * @param remoteAddress the remote address as 16 bytes (IPv4 as an IPv4-mapped IPv6 address); only valid
         *                      during the call
         * @param established   whether the connection is ESTABLISHED; any other state means it is closing
         */
        void visit(Family family, long ports, byte[] remoteAddress, boolean established);
    }

    private static final int ESTABLISHED = 0x01;
    private static final Path PROC_TCP = Path.of("/proc/net/tcp");
    private static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");

    private final Map<Family, Path> tables;
    private final boolean littleEndian;
    private byte[] buffer = new byte[64 * 1024];
    private final byte[] address = new byte[16];

    /** The kernel's tables, in this machine's byte order. */
    SocketTable() {
        this(PROC_TCP, PROC_TCP6, ByteOrder.nativeOrder());
    }

    /**
     * @param tcp   the IPv4 table
     * @param tcp6  the IPv6 table
     * @param order the byte order the addresses were printed in
     */
    SocketTable(Path tcp, Path tcp6, ByteOrder order) {
        this.tables = Map.of(Family.TCP, tcp, Family.TCP6, tcp6);
        this.littleEndian = order == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * @return whether this system has the tables
     */
    static boolean available() {
        return Files.isReadable(PROC_TCP);
    }

    /**
     * @param localPort  the bridge's port
     * @param remotePort the client's port
     * @return the key of that pair, as {@link Visitor#visit} receives it
     */
    static long ports(int localPort, int remotePort) {
        return ((long) localPort << 16) | remotePort;
    }

    /**
     * Reads one table and reports the sockets whose ports are wanted. Not thread-safe: one scanner per instance.
     *
     * @param family  the table
     * @param wanted  which {@link #ports(int, int)} keys to report
     * @param visitor receives them
     * @throws IOException when the table cannot be read
     */
    void scan(Family family, LongPredicate wanted, Visitor visitor) throws IOException {
        Path table = tables.get(family);
        if (!Files.isReadable(table)) {
            return;
        }
        int length = readAll(table);
        int line = skipLine(0, length);
        while (line < length) {
            int next = skipLine(line, length);
            parseLine(family, line, next, wanted, visitor);
            line = next;
        }
    }

    private int readAll(Path table) throws IOException {
        try (InputStream in = Files.newInputStream(table)) {
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    return length;
                }
                length += read;
            }
        }
    }

    private int skipLine(int from, int length) {
        int at = from;
        while (at < length && buffer[at] != '\n') {
            at++;
        }
        return Math.min(at + 1, length);
    }

    /** {@code sl: LOCAL_ADDR:PORT REMOTE_ADDR:PORT ST ...}, addresses 8 hex digits (tcp) or 32 (tcp6). */
    private void parseLine(Family family, int start, int end, LongPredicate wanted, Visitor visitor) {
        int at = skipSpaces(start, end);
        while (at < end && buffer[at] != ':') {
            at++;
        }
        at = skipSpaces(at + 1, end);
        int localAddress = at;
        int localColon = indexOf(':', localAddress, end);
        if (localColon < 0) {
            return;
        }
        int remoteAddress = skipSpaces(localColon + 5, end);
        int remoteColon = indexOf(':', remoteAddress, end);
        if (remoteColon < 0) {
            return;
        }
        int stateAt = skipSpaces(remoteColon + 5, end);
        int addressDigits = localColon - localAddress;
        if (stateAt + 2 > end || (addressDigits != 8 && addressDigits != 32)
                || remoteColon - remoteAddress != addressDigits) {
            return;
        }
        long ports = ports(hex(localColon + 1, 4), hex(remoteColon + 1, 4));
        if (!wanted.test(ports)) {
            return;
        }
        decodeAddress(remoteAddress, addressDigits);
        visitor.visit(family, ports, address, hex(stateAt, 2) == ESTABLISHED);
    }

    /**
     * The kernel prints each 32-bit word of an address in the machine's byte order: {@code 0100007F} is
     * 127.0.0.1 on a little-endian machine.
     */
    private void decodeAddress(int at, int digits) {
        Arrays.fill(address, (byte) 0);
        int words = digits / 8;
        int first = 16 - 4 * words;
        if (words == 1) {
            address[10] = (byte) 0xff;
            address[11] = (byte) 0xff;
        }
        for (int word = 0; word < words; word++) {
            for (int b = 0; b < 4; b++) {
                int printed = littleEndian ? 3 - b : b;
                address[first + 4 * word + b] = (byte) hex(at + 8 * word + 2 * printed, 2);
            }
        }
    }

    private int hex(int at, int digits) {
        int value = 0;
        for (int i = at; i < at + digits; i++) {
            value = (value << 4) | Character.digit(buffer[i], 16);
        }
        return value;
    }

    private int skipSpaces(int from, int end) {
        int at = from;
        while (at < end && buffer[at] == ' ') {
            at++;
        }
        return at;
    }

    private int indexOf(char c, int from, int end) {
        for (int at = from; at < end; at++) {
            if (buffer[at] == c) {
                return at;
            }
            if (buffer[at] == ' ') {
                return -1;
            }
        }
        return -1;
    }
}
