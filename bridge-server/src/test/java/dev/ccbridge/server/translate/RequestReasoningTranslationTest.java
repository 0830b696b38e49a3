package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ReasoningDialect;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.Translations.PLAIN;
import static dev.ccbridge.server.translate.Translations.UPSTREAM;
import static dev.ccbridge.server.translate.Translations.messagesOf;
import static dev.ccbridge.server.translate.Translations.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Reasoning both ways: {@code thinking} and {@code output_config.effort} become the upstream's reasoning parameter
 * in its dialect, and thinking blocks in the history are sent back only to the upstream that produced them (or to
 * one that demands them back).
 */
class RequestReasoningTranslationTest {

    private static final String OWN_SIGNATURE = new ThinkingSignature(UPSTREAM, "reasoning_content").encode();
    private static final String ANTHROPIC_SIGNATURE = "EqQBCkgIARABGAIiQL8h3fbJmU2Tz";

    @ParameterizedTest(name = "thinking {0}, effort {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            {'type':'enabled','budget_tokens':1024}                       | -      | low
            {'type':'enabled','budget_tokens':4095}                       | -      | low
            {'type':'enabled','budget_tokens':4096}                       | -      | medium
            {'type':'enabled','budget_tokens':16383}                      | -      | medium
            {'type':'enabled','budget_tokens':31999,'display':'omitted'}  | -      | high
            {'type':'adaptive','display':'omitted'}                       | -      | medium
            {'type':'adaptive'}                                           | low    | low
            {'type':'adaptive'}                                           | medium | medium
            {'type':'adaptive'}                                           | high   | high
            {'type':'adaptive'}                                           | xhigh  | high
            {'type':'adaptive'}                                           | max    | high
            {'type':'enabled','budget_tokens':1024}                       | high   | high
            -                                                             | medium | medium
            """)
    void thinkingAndEffortBecomeOneReasoningEffort(String thinking, String effort, String expected) {
        JsonObject body = translate(reasoningRequest(thinking, effort), dialect(ReasoningDialect.REASONING_EFFORT))
                .body();

        assertEquals(expected, body.getString("reasoning_effort"));
        assertFalse(body.containsKey("thinking"));
        assertFalse(body.containsKey("output_config"));
    }

    @Test
    void disabledThinkingOrNoReasoningFieldsSendNoReasoningEffort() {
        Capabilities effort = dialect(ReasoningDialect.REASONING_EFFORT);

        JsonObject disabled = translate(reasoningRequest("{'type':'disabled'}", "high"), effort).body();
        JsonObject silent = translate(reasoningRequest(null, null), effort).body();

        assertEquals(Set.of("model", "messages", "max_tokens"), disabled.keySet());
        assertEquals(Set.of("model", "messages", "max_tokens"), silent.keySet());
    }

    @Test
    void reasoningObjectDialect() {
        Capabilities object = dialect(ReasoningDialect.REASONING_OBJECT);

        assertEquals(q("{'effort':'high'}"), translate(reasoningRequest("{'type':'enabled','budget_tokens':20000}",
                null), object).body().getJsonObject("reasoning"));
        assertEquals(q("{'enabled':false}"), translate(reasoningRequest("{'type':'disabled'}", null), object).body()
                .getJsonObject("reasoning"));
    }

    @Test
    void thinkingToggleDialect() {
        Capabilities toggle = dialect(ReasoningDialect.THINKING_TOGGLE);

        assertEquals(q("{'type':'enabled'}"), translate(reasoningRequest("{'type':'adaptive'}", "medium"), toggle)
                .body().getJsonObject("thinking"));
        assertEquals(q("{'type':'disabled'}"), translate(reasoningRequest("{'type':'disabled'}", null), toggle)
                .body().getJsonObject("thinking"));
        assertFalse(translate(reasoningRequest(null, null), toggle).body().containsKey("thinking"));
    }

    @Test
    void noReasoningDialectSendsNothing() {
        JsonObject body = translate(reasoningRequest("{'type':'enabled','budget_tokens':31999}", "max"), PLAIN).body();

        assertEquals(Set.of("model", "messages", "max_tokens"), body.keySet());
    }

    @Test
    void theBridgesOwnThinkingGoesBackToTheSameUpstream() {
        JsonObject assistant = assistantAfter(thinking("Let me list them.", OWN_SIGNATURE), PLAIN);

        assertEquals("Let me list them.", assistant.getString("reasoning_content"));
        assertEquals("toolu_01", assistant.getJsonArray("tool_calls").getJsonObject(0).getString("id"));
    }

    @Test
    void reasoningGoesBackInTheFieldItCameFrom() {
        String signature = new ThinkingSignature(UPSTREAM, "reasoning").encode();

        JsonObject assistant = assistantAfter(thinking("Hmm.", signature), PLAIN);

        assertEquals("Hmm.", assistant.getString("reasoning"));
        assertFalse(assistant.containsKey("reasoning_content"));
    }

    @Test
    void thinkingFromAnotherUpstreamOrFromAnthropicIsDropped() {
        String otherUpstream = new ThinkingSignature("deepseek", "reasoning_content").encode();

        JsonObject fromOther = assistantAfter(thinking("other", otherUpstream), PLAIN);
        JsonObject fromAnthropic = assistantAfter(thinking("anthropic", ANTHROPIC_SIGNATURE), PLAIN);
        JsonObject unsigned = assistantAfter("{'type':'thinking','thinking':'unsigned'}", PLAIN);

        assertEquals(Set.of("role", "content", "tool_calls"), fromOther.keySet());
        assertEquals(Set.of("role", "content", "tool_calls"), fromAnthropic.keySet());
        assertEquals(Set.of("role", "content", "tool_calls"), unsigned.keySet());
    }

    @Test
    void anUpstreamThatDemandsReasoningBackGetsAnyThinking() {
        Capabilities echo = Capabilities.builder().reasoningEcho(true).build();

        JsonObject assistant = assistantAfter(thinking("foreign but needed", ANTHROPIC_SIGNATURE), echo);

        assertEquals("foreign but needed", assistant.getString("reasoning_content"));
    }

    @Test
    void redactedThinkingIsAlwaysDropped() {
        Capabilities echo = Capabilities.builder().reasoningEcho(true).build();

        JsonObject assistant = assistantAfter("{'type':'redacted_thinking','data':'EuYBCkQYAiJAopaque'}", echo);

        assertEquals(Set.of("role", "content", "tool_calls"), assistant.keySet());
        assertFalse(assistant.toString().contains("opaque"));
    }

    @Test
    void severalThinkingBlocksOfOneTurnGoBackAsSeparateParagraphs() {
        String blocks = thinking("First I list.", OWN_SIGNATURE) + ",{'type':'text','text':'Ok.'},"
                + thinking("Then I read.", OWN_SIGNATURE);

        JsonObject assistant = assistantAfter(blocks, PLAIN);

        assertEquals("First I list.\n\nThen I read.", assistant.getString("reasoning_content"));
    }

    @Test
    void emptyThinkingIsNotSentBack() {
        JsonObject assistant = assistantAfter(thinking("", OWN_SIGNATURE), PLAIN);

        assertFalse(assistant.containsKey("reasoning_content"));
    }

    @Test
    void aTurnWithOnlyThinkingDisappears() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':'Hi'},{'role':'assistant','content':[%s]},
                 {'role':'user','content':'Again'}]""".formatted(thinking("just thinking", OWN_SIGNATURE)));

        assertEquals(List.of("user", "user"),
                messages.stream().map(m -> m.asJsonObject().getString("role")).toList());
    }

    private static JsonObject reasoningRequest(String thinking, String effort) {
        StringBuilder request = new StringBuilder("{'model':'m','max_tokens':64000,"
                + "'messages':[{'role':'user','content':'Hi'}]");
        if (thinking != null) {
            request.append(",'thinking':").append(thinking);
        }
        if (effort != null) {
            request.append(",'output_config':{'effort':'").append(effort).append("'}");
        }
        return q(request.append('}').toString());
    }

    private static Capabilities dialect(ReasoningDialect dialect) {
        return Capabilities.builder().reasoningDialect(dialect).build();
    }

    private static String thinking(String text, String signature) {
        return "{'type':'thinking','thinking':'" + text + "','signature':'" + signature + "'}";
    }

    /** The assistant message made from a turn holding the given thinking block and one tool call. */
    private static JsonObject assistantAfter(String thinkingBlock, Capabilities capabilities) {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':'List the files'},
                 {'role':'assistant','content':[%s,{'type':'tool_use','id':'toolu_01','name':'Bash','input':{}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':'a'}]}]"""
                .formatted(thinkingBlock), capabilities);
        return messages.getJsonObject(1);
    }
}
