package dev.ccbridge.server.observe;

import dev.ccbridge.server.json.JsonBytes;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usage store: one {@link UsageRecord} per exchange that reached an upstream, appended as a JSON line to
 * {@code <dir>/<YYYY-MM-DD>.<replica>.jsonl} (the UTC day the request arrived).
 *
 * <p>Why JSON-lines files and not an embedded database: appending a line is all the bridge ever does, so there is
 * no schema to migrate and no dependency to ship (an embedded database would add megabytes to a bridge that
 * otherwise needs only Helidon and JSON-P, and SQLite native code per platform). Several replicas can share one
 * folder on a network volume because each appends only to files named after itself, one writer per file, with no
 * cross-process locking (which embedded databases do not do safely over NFS). The files are readable with
 * {@code jq}, easy to ship elsewhere, and retention is deleting old days. Summing means reading the days asked
 * for, which the file names select: at a few hundred bytes a request that stays fast for the volumes one bridge
 * sees.
 */
public final class UsageStore implements ExchangeSink {

    /** How every record's line begins, {@link UsageRecord#toJson()} writing {@code time} first. */
    private static final String RECORD_START = "{\"time\":";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.[A-Za-z0-9._-]+\\.jsonl");

    private final Path dir;
    private final String replica;
    private final JsonLines lines = new JsonLines("the usage store");

    /**
     * @param dir     the folder, created at the first record when missing
     * @param replica this replica's name, part of every file name it writes
     */
    public UsageStore(Path dir, String replica) {
        this.dir = dir;
        this.replica = replica;
    }

    /** Records exchanges that reached an upstream; one refused before that (a bad key, a bad request) cost nothing. */
    @Override
    public void exchangeFinished(ExchangeSummary summary) {
        if (summary.upstream() == null) {
            return;
        }
        UsageRecord record = UsageRecord.of(summary);
        lines.append(dir.resolve(record.day() + "." + replica + ".jsonl"), record.toJson());
    }

    /**
     * What a read found.
     *
     * @param files      the files read
     * @param records    the records read
     * @param unreadable lines, or parts of lines, that were not a usage record (e.g. a line torn by a crash),
     *                   skipped
     */
    public record Reading(int files, long records, long unreadable) {
    }

    /**
     * Reads the files of the days a query covers, every replica's.
     *
     * @param dir   the folder; a missing folder holds no records
     * @param query which days to read
     * @param into  receives each record
     * @return what was read
     * @throws UncheckedIOException when the folder or a file cannot be read
     */
    public static Reading read(Path dir, UsageQuery query, Consumer<UsageRecord> into) {
        if (!Files.exists(dir)) {
            return new Reading(0, 0, 0);
        }
        int files = 0;
        long records = 0;
        long unreadable = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path file : entries) {
                LocalDate day = dayOf(file);
                if (day == null || !query.covers(day)) {
                    continue;
                }
                files++;
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        // A line torn by a crash has the next record appended to it: skip the torn part only.
                        while (!line.isBlank()) {
                            UsageRecord record = parse(line);
                            if (record != null) {
                                into.accept(record);
                                records++;
                                break;
                            }
                            unreadable++;
                            int next = line.indexOf(RECORD_START, 1);
                            line = next < 0 ? "" : line.substring(next);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage records in " + dir + ": "
                    + (e instanceof NotDirectoryException ? "it is not a folder" : e.getMessage()), e);
        }
        return new Reading(files, records, unreadable);
    }

    private static UsageRecord parse(String line) {
        try {
            return JsonBytes.read(line.getBytes(StandardCharsets.UTF_8)) instanceof JsonObject json
                    ? UsageRecord.fromJson(json) : null;
        } catch (JsonException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static LocalDate dayOf(Path file) {
        Matcher name = FILE_NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(name.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
