package dev.ccbridge.server.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One session's recording folder: numbers its exchanges and writes their files through one normalizer. */
final class RecordedSession {

    private final Path dir;
    private final IdNormalizer normalizer;
    private int exchanges;

    RecordedSession(Path dir, IdNormalizer normalizer) {
        this.dir = dir;
        this.normalizer = normalizer;
    }

    synchronized Path nextExchange() {
        Path exchange = dir.resolve(RecordingFormat.exchangeFolder(++exchanges));
        try {
            Files.createDirectories(exchange);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchange;
    }

    /**
     * Writes a file; files of one session are written one at a time, in the order the exchange produced them.
     * Each file appears whole (written aside, then moved into place), so a reader never sees half of one.
     */
    synchronized void write(Path file, String text) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, normalizer.normalize(text), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording " + file, e);
        }
    }
}
