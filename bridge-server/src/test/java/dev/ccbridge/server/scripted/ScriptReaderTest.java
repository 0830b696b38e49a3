package dev.ccbridge.server.scripted;

import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading scripts: every key, the defaults, and errors that say where the script is wrong. */
class ScriptReaderTest {

    @Test
    void everyKeyIsRead() {
        Script script = ScriptReader.parse("""
                {"description": "all of it",
                 "rules": [
                   {"name": "first", "times": 2,
                    "when": {"lastRole": "tool", "lastContains": "done", "anyContains": "hello",
                             "noneContains": "goodbye", "systemContains": "Claude Code", "hasTool": "Bash",
                             "stream": false, "turn": 3, "responseFormat": true},
                    "reply": {"reasoning": "thinking", "text": "answer",
                              "toolCalls": [{"id": "call_fixed", "name": "Bash", "arguments": {"command": "ls"}},
                                            {"name": "Read"}],
                              "finishReason": "length",
                              "usage": {"prompt_tokens": 100, "completion_tokens": 7, "cached_tokens": 40},
                              "streamError": {"message": "cut", "type": "server_error"},
                              "chunkChars": 5, "delayMillis": 20, "firstByteMillis": 30}},
                   {"name": "error", "reply": {"status": 429, "headers": {"retry-after": "2"},
                                               "errorBody": {"error": {"message": "slow"}}}}
                 ],
                 "fallback": {"text": "nothing"}}
                """);

        assertEquals("all of it", script.description());
        Rule first = script.rules().getFirst();
        assertEquals("first", first.name());
        assertEquals(2, first.times());
        assertEquals(new Condition("tool", "done", "hello", "goodbye", "Claude Code", "Bash", false, 3, true),
                first.when());
        Reply reply = first.reply();
        assertEquals(200, reply.status());
        assertEquals("thinking", reply.reasoning());
        assertEquals("answer", reply.text());
        assertEquals(List.of(new ToolCall("call_fixed", "Bash", Json.q("{'command':'ls'}")),
                new ToolCall(null, "Read", Json.q("{}"))), reply.toolCalls());
        assertEquals("length", reply.finishReason());
        assertEquals(Map.of("prompt_tokens", 100, "completion_tokens", 7, "cached_tokens", 40), reply.usage());
        assertEquals(Json.q("{'message':'cut','type':'server_error'}"), reply.streamError());
        assertEquals(5, reply.chunkChars());
        assertEquals(20, reply.delayMillis());
        assertEquals(30, reply.firstByteMillis());
        Reply error = script.rules().get(1).reply();
        assertTrue(error.isError());
        assertEquals(429, error.status());
        assertEquals(Map.of("retry-after", "2"), error.headers());
        assertEquals(Json.q("{'error':{'message':'slow'}}"), error.errorBody());
        assertEquals("nothing", script.fallback().text());
    }

    @Test
    void missingKeysTakeTheirDefaults() {
        Script script = ScriptReader.parse("{\"rules\": [{\"reply\": {\"text\": \"hi\"}}]}");

        assertEquals("", script.description());
        Rule rule = script.rules().getFirst();
        assertEquals("rule 0", rule.name());
        assertSame(Condition.ALWAYS, rule.when());
        assertEquals(0, rule.times());
        assertEquals(Reply.text("hi"), rule.reply());
        assertEquals(200, rule.reply().status());
        assertEquals(Reply.DEFAULT_CHUNK_CHARS, rule.reply().chunkChars());
        assertNull(rule.reply().streamError());
        Reply fallback = script.fallback();
        assertEquals(500, fallback.status());
        assertTrue(fallback.errorBody().toString().contains("the script has no rule for this request"));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("{'rulez': []}",
                        "script: unknown key 'rulez'"),
                Arguments.of("{'rules': [{'reply': {}, 'whem': {}}]}",
                        "script rules.0: unknown key 'whem'"),
                Arguments.of("{'rules': [{'when': {'lastrole': 'user'}, 'reply': {}}]}",
                        "script rules.0.when: unknown key 'lastrole'"),
                Arguments.of("{'rules': [{}, {'reply': {'txt': 'x'}}]}",
                        "script rules.0.reply is required"),
                Arguments.of("{'rules': [{'reply': {}}, {'reply': {'txt': 'x'}}]}",
                        "script rules.1.reply: unknown key 'txt'"),
                Arguments.of("{'rules': [{'reply': {'toolCalls': [{'name': 'A', 'args': {}}]}}]}",
                        "script rules.0.reply.toolCalls.0: unknown key 'args'"),
                Arguments.of("{'rules': [{'reply': {'toolCalls': [{'arguments': {}}]}}]}",
                        "script rules.0.reply.toolCalls.0: 'name' is required"),
                Arguments.of("{'rules': [{'reply': {'usage': {'input_tokens': 3}}}]}",
                        "script rules.0.reply.usage: unknown key 'input_tokens'"),
                Arguments.of("{'fallback': {'stream': true}}",
                        "script fallback: unknown key 'stream'"),
                Arguments.of("{'rules': [{'times': 'twice', 'reply': {}}]}",
                        "script rules.0: 'times' must be a whole number, got \"twice\""),
                Arguments.of("{'rules': [{'times': -1, 'reply': {}}]}",
                        "script rules.0: 'times' must be a whole number of at least 0, got -1"),
                Arguments.of("{'rules': [{'when': {'stream': 'yes'}, 'reply': {}}]}",
                        "script rules.0.when: 'stream' must be true or false, got \"yes\""),
                Arguments.of("{'rules': [{'when': {'hasTool': 3}, 'reply': {}}]}",
                        "script rules.0.when: 'hasTool' must be a string, got 3"),
                Arguments.of("{'rules': [{'reply': {'text': ['a']}}]}",
                        "script rules.0.reply: 'text' must be a string, got [\"a\"]"),
                Arguments.of("{'rules': [{'reply': {'headers': {'retry-after': 2}}}]}",
                        "script rules.0.reply.headers: 'retry-after' must be a string, got 2"),
                Arguments.of("{'rules': [{'reply': {'errorBody': {}}}]}",
                        "script rules.0.reply: 'errorBody' needs an error 'status'"),
                Arguments.of("{'rules': {'reply': {}}}",
                        "script: 'rules' must be an array"),
                Arguments.of("{'rules': ['text']}",
                        "script rules.0 must be an object"),
                Arguments.of("[]", "script is not a JSON object"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void mistakesAreRejectedWithWhereTheyAre(String script, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptReader.parse(script.replace('\'', '"')));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aScriptFileIsNamedInItsErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"rules\": [{\"reply\": {\"test\": \"x\"}}]}");

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ScriptReader.read(file));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ScriptReader.read(dir.resolve("absent.json")));

        assertTrue(wrong.getMessage().startsWith(file + " rules.0.reply: unknown key 'test'"), wrong.getMessage());
        assertTrue(missing.getMessage().contains("absent.json"), missing.getMessage());
    }

    @Test
    void aScriptFileIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("script.json");
        Files.writeString(file, "{\"description\": \"from a file\", \"fallback\": {\"text\": \"ok\"}}");

        Script script = ScriptReader.read(file);

        assertEquals("from a file", script.description());
        assertEquals(Reply.text("ok"), script.fallback());
    }
}
