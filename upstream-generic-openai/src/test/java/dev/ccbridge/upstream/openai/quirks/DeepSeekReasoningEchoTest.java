package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;

import jakarta.json.JsonArray;

import org.junit.jupiter.api.Test;

import static dev.ccbridge.upstream.openai.quirks.Requests.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DeepSeekReasoningEchoTest {

    /** A resumed session: the first tool call came from another upstream and has no reasoning to echo. */
    private static final String HISTORY = """
            {'model':'deepseek-reasoner','thinking':{'type':'enabled'},'messages':[
              {'role':'user','content':'What is in A?'},
              {'role':'assistant','content':null,'tool_calls':[{'id':'toolu_01A','type':'function',
                'function':{'name':'Read','arguments':'{}'}}]},
              {'role':'tool','tool_call_id':'toolu_01A','content':'A'},
              {'role':'assistant','content':'Now B.','reasoning_content':'I should read B next.','tool_calls':[
                {'id':'call_00_Bb','type':'function','function':{'name':'Read','arguments':'{}'}}]},
              {'role':'tool','tool_call_id':'call_00_Bb','content':'B'},
              {'role':'assistant','content':'Both read.'},
              {'role':'user','content':'Thanks'}]}""";

    @Test
    void toolCallingAssistantTurnsWithoutReasoningGetAnEmptyOne() {
        JsonArray messages = prepared("deepseek", HISTORY).getJsonArray("messages");
        assertEquals("", messages.getJsonObject(1).getString("reasoning_content"));
        assertEquals(JsonText.object(HISTORY).getJsonArray("messages").getJsonObject(1).getJsonArray("tool_calls"),
                messages.getJsonObject(1).getJsonArray("tool_calls"));
    }

    @Test
    void reasoningTheEngineEchoedIsKept() {
        JsonArray messages = prepared("deepseek", HISTORY).getJsonArray("messages");
        assertEquals("I should read B next.", messages.getJsonObject(3).getString("reasoning_content"));
    }

    @Test
    void turnsWithoutToolCallsAndOtherRolesAreUntouched() {
        JsonArray messages = prepared("deepseek", HISTORY).getJsonArray("messages");
        JsonArray original = JsonText.object(HISTORY).getJsonArray("messages");
        for (int i : new int[] {0, 2, 4, 5, 6}) {
            assertEquals(original.get(i), messages.get(i));
        }
    }

    @Test
    void otherProfilesSendNoReasoningContent() {
        assertFalse(prepared("together", HISTORY).toString()
                .contains("\"reasoning_content\":\"\""));
    }
}
