package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Maps Anthropic tool names to names an OpenAI-style upstream accepts ({@code ^[a-zA-Z0-9_-]{1,64}$} by default)
 * and back. Claude Code's MCP tools are called {@code mcp__<server>__<tool>} and reach 71 characters; such a
 * name becomes a readable prefix plus an 8-character hash of the full name. The alias is a pure function of the
 * name, so it is the same in the tools list, in the history and in {@code tool_choice}, on every request, with no
 * server state; the reverse map is filled as aliases are made. A request that names one tool like another's alias
 * (only a crafted one can) is refused rather than sent with two tools of one name.
 */
public final class ToolNames {

    private static final int HASH_LENGTH = 8;

    private final int maxLength;
    private final Map<String, String> originals = new HashMap<>();

    /**
     * @param maxLength the longest name the upstream accepts
     */
    public ToolNames(int maxLength) {
        this.maxLength = Math.max(maxLength, HASH_LENGTH + 2);
    }

    /**
     * @param name an Anthropic tool name
     * @return the name to send upstream (the same name when it is acceptable)
     * @throws InvalidRequestException when another tool of the request already goes by that name upstream
     */
    public String alias(String name) {
        String alias = acceptable(name) ? name : shortened(name);
        String taken = originals.putIfAbsent(alias, name);
        if (taken != null && !taken.equals(name)) {
            throw new InvalidRequestException("tools", "the tools '" + taken + "' and '" + name
                    + "' would both be called '" + alias + "' upstream, which accepts names of at most " + maxLength
                    + " letters, digits, '_' and '-'; rename one of them");
        }
        return alias;
    }

    /**
     * @param upstreamName a tool name the upstream used
     * @return the Anthropic name it stands for (unchanged when it is not an alias)
     */
    public String original(String upstreamName) {
        return originals.getOrDefault(upstreamName, upstreamName);
    }

    private boolean acceptable(String name) {
        if (name.isEmpty() || name.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private String shortened(String name) {
        StringBuilder prefix = new StringBuilder(maxLength);
        int keep = maxLength - HASH_LENGTH - 1;
        for (int i = 0; i < name.length() && prefix.length() < keep; i++) {
            char c = name.charAt(i);
            prefix.append(allowed(c) ? c : '_');
        }
        return prefix.append('_').append(hash(name)).toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
