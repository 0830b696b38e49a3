package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.server.anthropic.InvalidRequestException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.ccbridge.server.translate.RequestToolTranslationTest.MCP_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tool-name aliases: acceptable names kept, others shortened deterministically and mapped back. */
class ToolNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bash", "mcp__github__create_issue", "read-file_2", "a"})
    void acceptableNamesAreKept(String name) {
        ToolNames names = new ToolNames(Capabilities.OPENAI_TOOL_NAME_LIMIT);

        assertEquals(name, names.alias(name));
        assertEquals(name, names.original(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {MCP_NAME, "mcp__my.server__get:item", "tool with spaces", "überTool", ""})
    void otherNamesGetAnAcceptableAliasThatMapsBack(String name) {
        ToolNames names = new ToolNames(Capabilities.OPENAI_TOOL_NAME_LIMIT);

        String alias = names.alias(name);

        assertTrue(alias.matches("[a-zA-Z0-9_-]{1,64}"), alias);
        assertNotEquals(name, alias);
        assertEquals(name, names.original(alias));
    }

    @Test
    void aliasesArePureFunctionsOfTheNameAndLimit() {
        assertEquals(new ToolNames(64).alias(MCP_NAME), new ToolNames(64).alias(MCP_NAME));
        assertEquals(64, new ToolNames(64).alias(MCP_NAME).length());
        assertEquals(40, new ToolNames(40).alias(MCP_NAME).length());
    }

    @Test
    void aNameExactlyAtTheLimitIsKeptAndOneCharacterMoreIsAliased() {
        String atLimit = "t".repeat(64);

        assertEquals(atLimit, new ToolNames(64).alias(atLimit));
        assertNotEquals(atLimit + "t", new ToolNames(64).alias(atLimit + "t"));
    }

    @Test
    void unknownUpstreamNamesAreReturnedUnchanged() {
        assertEquals("SomethingElse", new ToolNames(64).original("SomethingElse"));
    }

    /** Found by the request fuzzer: a tool named literally like another's alias, in either order. */
    @Test
    void aToolNamedLikeAnothersAliasIsRefusedInEitherOrder() {
        String alias = new ToolNames(64).alias(MCP_NAME);
        for (String[] order : new String[][] {{MCP_NAME, alias}, {alias, MCP_NAME}}) {
            ToolNames names = new ToolNames(64);
            names.alias(order[0]);
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> names.alias(order[1]));
            assertTrue(e.getMessage().contains("'" + alias + "'"), e.getMessage());
            assertEquals(alias, names.alias(order[0]), "the first keeps its name");
        }
    }
}
