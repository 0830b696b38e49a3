package dev.ccbridge.server.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SocketTable} reading tables in the kernel's format, with the lines of other sockets around the ones asked
 * for: IPv4 sockets in {@code tcp}, IPv6 and IPv4-mapped ones in {@code tcp6}, addresses printed in either byte
 * order. The connection tests read the real tables; on most machines those hold only what Java's dual-stack
 * sockets create, so the other shapes are checked here.
 */
class SocketTableTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";
    private static final String HEADER6 = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** One socket the visitor saw. */
    private record Seen(SocketTable.Family family, long ports, InetAddress remote, boolean established) {
    }

    @Test
    void findsIpv4ConnectionsByPortsAndDecodesTheLittleEndianAddress(@TempDir Path dir) throws IOException {
        Path tcp = Files.writeString(dir.resolve("tcp"), HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1 1 0\n"
                + "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000 0 2 1 0\n"
                + "   2: 0100007F:1F90 0200000A:D432 08 00000000:00000000 00:00000000 00000000  1000 0 3 1 0\n"
                + "   3: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000 0 4 1 0\n");

        List<Seen> seen = scan(new SocketTable(tcp, dir.resolve("none"), ByteOrder.LITTLE_ENDIAN),
                SocketTable.Family.TCP, List.of(SocketTable.ports(8080, 0xD431), SocketTable.ports(8080, 0xD432)));

        assertEquals(List.of(
                new Seen(SocketTable.Family.TCP, SocketTable.ports(8080, 0xD431), InetAddress.getByName("127.0.0.1"),
                        true),
                new Seen(SocketTable.Family.TCP, SocketTable.ports(8080, 0xD432), InetAddress.getByName("10.0.0.2"),
                        false)), seen);
    }

    @Test
    void readsIpv4MappedAndIpv6AddressesFromTcp6(@TempDir Path dir) throws IOException {
        Path tcp6 = Files.writeString(dir.resolve("tcp6"), HEADER6
                + "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C000 01 "
                + "00000000:00000000 00:00000000 00000000  1000 0 5 1 0\n"
                + "   1: 00000000000000000000000001000000:1F90 000080FE00000000FF0C0002FE3A5E14:C001 07 "
                + "00000000:00000000 00:00000000 00000000  1000 0 6 1 0\n");

        List<Seen> seen = scan(new SocketTable(dir.resolve("none"), tcp6, ByteOrder.LITTLE_ENDIAN),
                SocketTable.Family.TCP6, List.of(SocketTable.ports(8080, 0xC000), SocketTable.ports(8080, 0xC001)));

        assertEquals(List.of(
                new Seen(SocketTable.Family.TCP6, SocketTable.ports(8080, 0xC000), InetAddress.getByName("127.0.0.1"),
                        true),
                new Seen(SocketTable.Family.TCP6, SocketTable.ports(8080, 0xC001),
                        InetAddress.getByName("fe80::200:cff:145e:3afe"), false)), seen);
    }

    @Test
    void readsAddressesPrintedInBigEndianOrder(@TempDir Path dir) throws IOException {
        Path tcp = Files.writeString(dir.resolve("tcp"), HEADER
                + "   0: 7F000001:1F90 C0000202:D431 01 00000000:00000000 00:00000000 00000000  1000 0 2 1 0\n");

        List<Seen> seen = scan(new SocketTable(tcp, dir.resolve("none"), ByteOrder.BIG_ENDIAN),
                SocketTable.Family.TCP, List.of(SocketTable.ports(8080, 0xD431)));

        assertEquals(InetAddress.getByName("192.0.2.2"), seen.getFirst().remote());
    }

    @Test
    void ignoresLinesItCannotRead(@TempDir Path dir) throws IOException {
        Path tcp = Files.writeString(dir.resolve("tcp"), HEADER + "garbage\n   7: 0100007F\n\n"
                + "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000 0 2 1 0");

        List<Seen> seen = scan(new SocketTable(tcp, dir.resolve("none"), ByteOrder.LITTLE_ENDIAN),
                SocketTable.Family.TCP, List.of(SocketTable.ports(8080, 0xD431)));

        assertEquals(1, seen.size());
    }

    private static List<Seen> scan(SocketTable table, SocketTable.Family family, List<Long> wanted)
            throws IOException {
        List<Seen> seen = new ArrayList<>();
        table.scan(family, wanted::contains, (found, ports, remote, established) ->
                seen.add(new Seen(found, ports, address(remote), established)));
        return seen;
    }

    private static InetAddress address(byte[] sixteen) {
        try {
            return InetAddress.getByAddress(sixteen.clone());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
