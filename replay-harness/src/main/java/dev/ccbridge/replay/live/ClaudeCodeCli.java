package dev.ccbridge.replay.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned Claude Code CLI: {@code $CLAUDE_CODE_BIN} when set, otherwise installed (once, into a cache outside
 * the repository) by {@code replay-harness/scripts/install-claude-code.sh} from npm.
 */
public final class ClaudeCodeCli {

    private ClaudeCodeCli() {
    }

    /**
     * @param moduleDir the replay-harness module folder
     * @return the path of the {@code claude} executable
     * @throws IllegalStateException when it cannot be installed
     */
    public static Path locate(Path moduleDir) {
        String configured = System.getenv("CLAUDE_CODE_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path script = moduleDir.resolve("scripts/install-claude-code.sh");
        try {
            Process install = new ProcessBuilder("bash", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("installing Claude Code failed (" + script + ")");
            }
            List<String> lines = out.lines().toList();
            Path bin = Path.of(lines.getLast());
            if (!Files.isExecutable(bin)) {
                throw new IllegalStateException("the installer printed " + bin + ", which is not executable");
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param moduleDir the replay-harness module folder
     * @return the pinned version, from {@code scripts/claude-code.version}
     */
    public static String pinnedVersion(Path moduleDir) {
        try {
            return Files.readString(moduleDir.resolve("scripts/claude-code.version")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
