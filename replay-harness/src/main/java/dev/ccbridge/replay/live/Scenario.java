package dev.ccbridge.replay.live;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Claude Code session to run: what to ask, with which flags and files, and what must come out.
 *
 * @param name        the scenario's folder name
 * @param dir         its folder ({@code scenario.json}, {@code script.json}, and any helper files)
 * @param description what it exercises
 * @param prompt      the prompt given to {@code claude -p}
 * @param args        extra command-line arguments
 * @param files       text files to create in the working directory
 * @param binaryFiles base64 files to create in the working directory
 * @param mcpServer   the MCP server to attach, or {@code null}
 * @param expect      what the run must produce
 */
public record Scenario(String name,
                       Path dir,
                       String description,
                       String prompt,
                       List<String> args,
                       Map<String, String> files,
                       Map<String, String> binaryFiles,
                       McpServer mcpServer,
                       Expectation expect) {

    /**
     * A stdio MCP server run with node.
     *
     * @param name   the server's name in Claude Code (tools become {@code mcp__<name>__<tool>})
     * @param script the server script, relative to the scenario's folder
     */
    public record McpServer(String name, String script) {
    }

    /**
     * @param result      texts the final result must contain
     * @param isError     whether the run must end in an error
     * @param files       files that must exist afterwards, with text each must contain
     * @param absentFiles files that must not exist afterwards
     * @param minTurns    the least number of turns the result must report
     */
    public record Expectation(List<String> result, boolean isError, Map<String, String> files,
                              List<String> absentFiles, int minTurns) {
    }
}
