package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.JsonText;

import jakarta.json.JsonArray;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.upstream.openai.quirks.Requests.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MistralRoleOrderTest {

    private static final String CALL = "{'role':'assistant','content':null,'tool_calls':[{'id':'Kq7ZpX2mB',"
            + "'type':'function','function':{'name':'ToolSearch','arguments':'{}'}}]}";
    private static final String RESULT = "{'role':'tool','tool_call_id':'Kq7ZpX2mB','content':'WebFetch'}";

    @Test
    void userTextRightAfterToolResultsGetsABridgingAssistantTurn() {
        JsonArray messages = prepared("mistral", "{'model':'mistral-large-latest','messages':[{'role':'user',"
                + "'content':'Find a tool'}," + CALL + "," + RESULT + ",{'role':'user','content':'Tool loaded.'}]}")
                .getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "tool", "assistant", "user"), roles(messages));
        assertEquals(JsonText.object("{'role':'assistant','content':'" + MistralRoleOrder.BRIDGE_TEXT + "'}"),
                messages.get(3));
        assertEquals("Tool loaded.", messages.getJsonObject(4).getString("content"));
    }

    @Test
    void aSystemMessageAfterToolResultsIsBridgedToo() {
        JsonArray messages = prepared("mistral", "{'model':'mistral-large-latest','messages':[{'role':'user',"
                + "'content':'Go'}," + CALL + "," + RESULT + ",{'role':'system','content':'Compact now.'}]}")
                .getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "tool", "assistant", "system"), roles(messages));
    }

    @Test
    void validOrdersAreUntouched() {
        String body = "{'model':'mistral-large-latest','messages':[{'role':'system','content':'S'},{'role':'user',"
                + "'content':'Go'}," + CALL + "," + RESULT + ",{'role':'assistant','content':'Done.'},"
                + "{'role':'user','content':'Thanks'}]}";
        assertEquals(JsonText.object(body).getJsonArray("messages"),
                prepared("mistral", body).getJsonArray("messages"));
    }

    @Test
    void otherProfilesKeepTheOrderTheyWereGiven() {
        JsonArray messages = prepared("openrouter", "{'model':'mistralai/mistral-large','messages':[{'role':'user',"
                + "'content':'Go'}," + CALL + "," + RESULT + ",{'role':'user','content':'Tool loaded.'}]}")
                .getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "tool", "user"), roles(messages));
    }

    private static List<String> roles(JsonArray messages) {
        return messages.stream().map(m -> m.asJsonObject().getString("role")).toList();
    }
}
