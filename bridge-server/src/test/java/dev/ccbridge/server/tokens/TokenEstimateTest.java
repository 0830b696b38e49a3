package dev.ccbridge.server.tokens;

import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEstimateTest {

    private static final TokenCounter BPE = new TokenCounter();

    @ParameterizedTest
    @ValueSource(strings = {
            "You are an interactive CLI tool that helps users with software engineering tasks. Use the instructions "
                    + "below and the tools available to you to assist the user. IMPORTANT: Assist with authorized "
                    + "security testing, defensive security, CTF challenges, and educational contexts.",
            "public static int countRequest(JsonObject request) {\n    return REQUESTS.countRequest(request);\n}\n",
            "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\",\"description\":\"The command to "
                    + "execute\"},\"timeout\":{\"type\":\"number\"}},\"required\":[\"command\"]}",
            "total 48\ndrwxr-xr-x  5 dev dev 4096 Nov 21 09:02 .\n-rw-r--r--  1 dev dev 2431 Nov 21 09:02 pom.xml\n",
            "请帮我检查这个函数为什么返回空值，并给出修复建议。"})
    void aTextIsEstimatedWithinAThirdOfItsBpeCount(String text) {
        int estimate = TokenEstimate.text(text);
        int bpe = BPE.count(text);
        assertTrue(Math.abs(estimate - bpe) <= bpe / 3, estimate + " estimated, " + bpe + " by the BPE");
    }

    @Test
    void aRealisticRequestIsEstimatedWithinTenPercentOfItsBpeCount() {
        String system = ("You are Claude Code, Anthropic's official CLI for Claude. You are an interactive CLI tool "
                + "that helps users with software engineering tasks. Use the instructions below and the tools "
                + "available to you to assist the user.\n\n# Tone and style\nYou should be concise, direct, and to "
                + "the point. When you run a non-trivial bash command, you should explain what the command does "
                + "and why you are running it.\n").repeat(20);
        JsonObject request = JsonFactories.BUILDERS.createObjectBuilder()
                .add("messages", JsonFactories.BUILDERS.createArrayBuilder()
                        .add(JsonFactories.BUILDERS.createObjectBuilder().add("role", "system").add("content", system))
                        .add(JsonFactories.BUILDERS.createObjectBuilder().add("role", "user")
                                .add("content", "Find where the retry delay is computed and cap it at 30 seconds.")))
                .add("tools", JsonFactories.BUILDERS.createArrayBuilder().add(JsonFactories.BUILDERS
                        .createObjectBuilder().add("type", "function").add("function", JsonFactories.BUILDERS
                                .createObjectBuilder().add("name", "Bash")
                                .add("description", "Executes a given bash command with an optional timeout.")
                                .add("parameters", JsonFactories.BUILDERS.createObjectBuilder()
                                        .add("type", "object")
                                        .add("properties", JsonFactories.BUILDERS.createObjectBuilder()
                                                .add("command", JsonFactories.BUILDERS.createObjectBuilder()
                                                        .add("type", "string")
                                                        .add("description", "The command to execute")))))))
                .build();

        int estimate = TokenEstimate.countRequest(request, null);
        int bpe = BPE.countRequest(request);
        assertTrue(Math.abs(estimate - bpe) <= bpe / 10, estimate + " estimated, " + bpe + " by the BPE");
    }

    @Test
    void aToolSchemaPassedThroughFromTheClientsBytesCountsAsItsWalkOnEveryTurn() {
        String schema = "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\","
                + "\"description\":\"The absolute path to the file to read\"},\"limit\":{\"type\":\"number\","
                + "\"description\":\"The number of lines to read. Only provide if the file is too large to read at "
                + "once.\"}},\"required\":[\"file_path\"],\"additionalProperties\":false}";
        // Equal in length, so that only the compare of the bytes tells them apart, and unequal in count.
        String[] schemas = {schema, schema.replace("The absolute path to the file to read",
                "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9"), schema.replace("lines", "$%&!?")};
        Set<Integer> walked = new HashSet<>();
        for (int turn = 0; turn < 3; turn++) {
            for (String parameters : schemas) {
                JsonBytes.Document document = JsonBytes.readDocument(("{\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"turn " + turn + "\"}],\"tools\":[{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"Read\",\"description\":\"Reads a file.\",\"parameters\":" + parameters
                        + "}}]}").getBytes(StandardCharsets.UTF_8));
                JsonObject request = document.value().asJsonObject();
                assertNotNull(document.rawStrings().span(request.getJsonArray("tools").getJsonObject(0)
                        .getJsonObject("function").get("parameters")), "the schema is held as written");

                int walk = TokenEstimate.countRequest(request, null);
                assertEquals(walk, TokenEstimate.countRequest(request, document.rawStrings()), parameters);
                walked.add(walk);
            }
        }
        assertEquals(3, walked.size(), "the schemas count differently: " + walked);
    }

    @Test
    void emptyTextIsNothingAndAnyOtherTextIsSomething() {
        assertEquals(0, TokenEstimate.text(""));
        assertEquals(1, TokenEstimate.text("a"));
    }
}
