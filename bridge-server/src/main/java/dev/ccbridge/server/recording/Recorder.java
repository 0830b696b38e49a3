package dev.ccbridge.server.recording;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Record mode ({@code --record DIR}, {@code bridge.record-dir}, {@code BRIDGE_RECORD_DIR}): hands each exchange a
 * {@link ExchangeRecording} that writes it into its session's folder. Sessions are told apart by Claude Code's
 * {@code X-Claude-Code-Session-Id}; requests without one share the session {@code default}.
 */
public final class Recorder {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final System.Logger LOG = System.getLogger("ccbridge.recording");

    private final Path root;
    private final Secrets secrets;
    private final JsonObject recordedWith;
    private final ConcurrentHashMap<String, RecordedSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param root         the recording folder
     * @param secrets      every secret to keep out of the files
     * @param recordedWith what {@code session.json} says the session was recorded with: bridge version, upstream,
     *                     and the bridge settings a replay needs (secrets already removed)
     */
    public Recorder(Path root, Secrets secrets, JsonObject recordedWith) {
        this.root = root;
        this.secrets = secrets;
        this.recordedWith = recordedWith;
    }

    /**
     * @param sessionId the client's session id, or {@code null}
     * @param userAgent the client's {@code User-Agent}, or {@code null}
     * @return the recording of a new exchange in that session
     */
    public ExchangeTap begin(String sessionId, String userAgent) {
        String name = sessionId != null && SAFE_NAME.matcher(sessionId).matches() ? sessionId : "default";
        RecordedSession session = sessions.computeIfAbsent(name, n -> open(n, userAgent));
        return new ExchangeRecording(session, secrets);
    }

    private RecordedSession open(String name, String userAgent) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
            JsonObject header = JsonFactories.BUILDERS.createObjectBuilder()
                    .add("format", RecordingFormat.VERSION)
                    .add("session", name)
                    .add("client", userAgent == null ? "unknown" : userAgent)
                    .add("recorded_with", recordedWith)
                    .build();
            Files.writeString(dir.resolve(RecordingFormat.SESSION_FILE),
                    secrets.redact(Pretty.json(header)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording folder " + dir, e);
        }
        LOG.log(System.Logger.Level.INFO, () -> "recording session " + name + " into " + dir);
        return new RecordedSession(dir, new IdNormalizer());
    }
}
