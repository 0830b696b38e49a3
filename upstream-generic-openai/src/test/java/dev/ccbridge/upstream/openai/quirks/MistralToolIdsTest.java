package dev.ccbridge.upstream.openai.quirks;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import static dev.ccbridge.upstream.openai.quirks.Requests.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralToolIdsTest {

    /** History from Claude Code: Anthropic ids, another upstream's call_ id, and an id Mistral issued itself. */
    private static final String HISTORY = """
            {'model':'mistral-large-latest','messages':[
              {'role':'user','content':'Read both files'},
              {'role':'assistant','content':null,'tool_calls':[
                {'id':'toolu_01A09q90qw90lq917835lq9','type':'function','function':{'name':'Read','arguments':'{}'}},
                {'id':'call_0fypS1hVXk2mQ7','type':'function','function':{'name':'Read','arguments':'{}'}}]},
              {'role':'tool','tool_call_id':'toolu_01A09q90qw90lq917835lq9','content':'A'},
              {'role':'tool','tool_call_id':'call_0fypS1hVXk2mQ7','content':'B'},
              {'role':'assistant','content':null,'tool_calls':[
                {'id':'Kq7ZpX2mB','type':'function','function':{'name':'Bash','arguments':'{}'}}]},
              {'role':'tool','tool_call_id':'Kq7ZpX2mB','content':'ok'}]}""";

    @Test
    void foreignIdsBecomeNineAlphanumericsTheSameInCallAndResult() {
        JsonArray messages = prepared("mistral", HISTORY).getJsonArray("messages");
        JsonArray calls = messages.getJsonObject(1).getJsonArray("tool_calls");
        String anthropic = calls.getJsonObject(0).getString("id");
        String openAi = calls.getJsonObject(1).getString("id");
        assertTrue(anthropic.matches("[a-zA-Z0-9]{9}"), anthropic);
        assertTrue(openAi.matches("[a-zA-Z0-9]{9}"), openAi);
        assertNotEquals(anthropic, openAi);
        assertEquals(anthropic, messages.getJsonObject(2).getString("tool_call_id"));
        assertEquals(openAi, messages.getJsonObject(3).getString("tool_call_id"));
        assertEquals(MistralToolIds.toMistral("toolu_01A09q90qw90lq917835lq9"), anthropic);
    }

    @Test
    void theMappingIsTheSameOnEveryRequest() {
        assertEquals(prepared("mistral", HISTORY), prepared("mistral", HISTORY));
    }

    @Test
    void mistralsOwnIdsAreUntouched() {
        JsonArray messages = prepared("mistral", HISTORY).getJsonArray("messages");
        assertEquals("Kq7ZpX2mB", messages.getJsonObject(4).getJsonArray("tool_calls").getJsonObject(0)
                .getString("id"));
        assertEquals("Kq7ZpX2mB", messages.getJsonObject(5).getString("tool_call_id"));
    }

    @Test
    void onlyTheIdsChange() {
        JsonObject call = prepared("mistral", HISTORY).getJsonArray("messages").getJsonObject(1)
                .getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("Read", call.getJsonObject("function").getString("name"));
        assertEquals("function", call.getString("type"));
    }

    @Test
    void otherProfilesKeepTheOriginalIds() {
        JsonArray messages = prepared("groq", HISTORY).getJsonArray("messages");
        assertEquals("toolu_01A09q90qw90lq917835lq9", messages.getJsonObject(2).getString("tool_call_id"));
    }
}
