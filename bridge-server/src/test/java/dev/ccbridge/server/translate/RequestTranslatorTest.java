package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.TokenLimitField;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.Translations.PLAIN;
import static dev.ccbridge.server.translate.Translations.UPSTREAM_MODEL;
import static dev.ccbridge.server.translate.Translations.array;
import static dev.ccbridge.server.translate.Translations.body;
import static dev.ccbridge.server.translate.Translations.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The top level of the outbound request: model, system prompt, output limit, sampling, stops, structured output,
 * caller identity, streaming, and the allowlist that keeps everything else out.
 */
class RequestTranslatorTest {

    private static final String HI = "'messages':[{'role':'user','content':'Hi'}]";
    private static final String SESSION = "5f0c7a8e-1b2d-4c3e-9f40-123456789abc";

    @Test
    void minimalRequestBecomesModelMessagesAndMaxTokensOnly() {
        JsonObject body = body("{'model':'claude-sonnet-4-5','max_tokens':1024," + HI + "}");

        assertEquals(q("{'model':'" + UPSTREAM_MODEL + "','messages':[{'role':'user','content':'Hi'}],"
                + "'max_tokens':1024}"), body);
    }

    @Test
    void systemStringBecomesTheFirstSystemMessage() {
        JsonObject body = body("{'model':'m','max_tokens':10,'system':'Be brief.'," + HI + "}");

        assertEquals(array("[{'role':'system','content':'Be brief.'},{'role':'user','content':'Hi'}]"),
                body.getJsonArray("messages"));
    }

    @Test
    void systemBlocksBecomeOneSystemMessageWithoutTheBillingHeader() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Hi'}],'system':[
                  {'type':'text','text':'x-anthropic-billing-header: cc_version=2.1.329.a19; cc_entrypoint=sdk-cli;'},
                  {'type':'text','text':'You are a Claude agent.','cache_control':{'type':'ephemeral'}},
                  {'type':'text','text':'  '},
                  {'type':'text','text':'Main prompt.','cache_control':{'type':'ephemeral'}}]}""");

        assertEquals(2, body.getJsonArray("messages").size());
        assertEquals(q("{'role':'system','content':'You are a Claude agent.\\n\\nMain prompt.'}"),
                body.getJsonArray("messages").getJsonObject(0));
        assertFalse(body.toString().contains("billing"));
        assertFalse(body.toString().contains("cache_control"));
    }

    @Test
    void noSystemMessageWhenOnlyTheBillingHeaderIsLeft() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Hi'}],'system':[
                  {'type':'text','text':'x-anthropic-billing-header: cc_version=2.1.329.d7a;'}]}""");

        assertEquals(List.of("user"), roles(body));
    }

    @Test
    void maxTokensGoesInTheFieldTheUpstreamReads() {
        Capabilities openAi = Capabilities.builder().tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS).build();

        JsonObject body = translate(q("{'model':'m','max_tokens':2048," + HI + "}"), openAi).body();

        assertEquals(2048, body.getInt("max_completion_tokens"));
        assertFalse(body.containsKey("max_tokens"));
    }

    @Test
    void maxTokensAboveTheModelCapIsClampedWithANote() {
        Capabilities capped = Capabilities.builder().maxOutputTokens(32768).build();

        Translation translation = translate(q("{'model':'m','max_tokens':128000," + HI + "}"), capped);

        assertEquals(32768, translation.body().getInt("max_tokens"));
        assertEquals(List.of("max_tokens 128000 clamped to 32768, the model's output limit"), translation.notes());
    }

    @Test
    void maxTokensWithinTheCapOrWithoutAKnownCapIsSentUnchanged() {
        Capabilities capped = Capabilities.builder().maxOutputTokens(32768).build();

        Translation within = translate(q("{'model':'m','max_tokens':512," + HI + "}"), capped);
        Translation uncapped = translate(q("{'model':'m','max_tokens':128000," + HI + "}"), PLAIN);

        assertEquals(512, within.body().getInt("max_tokens"));
        assertEquals(128000, uncapped.body().getInt("max_tokens"));
        assertEquals(List.of(), within.notes());
        assertEquals(List.of(), uncapped.notes());
    }

    @Test
    void maxTokensZeroIsRaisedToOneWithANote() {
        Translation translation = translate(q("{'model':'m','max_tokens':0," + HI + "}"), PLAIN);

        assertEquals(1, translation.body().getInt("max_tokens"));
        assertEquals(List.of("max_tokens 0 raised to 1, the smallest value upstreams accept"), translation.notes());
    }

    @Test
    void stopSequencesBecomeStop() {
        JsonObject body = body("{'model':'m','max_tokens':10,'stop_sequences':['END','###']," + HI + "}");

        assertEquals(array("['END','###']"), body.get("stop"));
    }

    @Test
    void stopSequencesBeyondTheUpstreamLimitAreCutWithANote() {
        Capabilities four = Capabilities.builder().maxStopSequences(4).build();

        Translation translation = translate(
                q("{'model':'m','max_tokens':10,'stop_sequences':['a','b','c','d','e','f']," + HI + "}"), four);

        assertEquals(array("['a','b','c','d']"), translation.body().get("stop"));
        assertEquals(List.of("stop_sequences cut from 6 to 4, the upstream's limit"), translation.notes());
    }

    @Test
    void stopSequencesAreLeftOutForAnUpstreamWithoutStopSupport() {
        Capabilities noStops = Capabilities.builder().without(Feature.STOP_SEQUENCES).build();

        Translation translation = translate(
                q("{'model':'m','max_tokens':10,'stop_sequences':['END']," + HI + "}"), noStops);

        assertFalse(translation.body().containsKey("stop"));
        assertEquals(List.of("stop_sequences dropped: the upstream does not accept stop"), translation.notes());
    }

    @Test
    void temperatureAndTopPPass() {
        JsonObject body = body("{'model':'m','max_tokens':10,'temperature':0.2,'top_p':0.95," + HI + "}");

        assertEquals(0.2, body.getJsonNumber("temperature").doubleValue());
        assertEquals(0.95, body.getJsonNumber("top_p").doubleValue());
    }

    @Test
    void samplingIsLeftOutWithANoteWhereTheUpstreamRejectsIt() {
        Capabilities noSampling = Capabilities.builder().without(Feature.SAMPLING).build();

        Translation translation = translate(
                q("{'model':'m','max_tokens':10,'temperature':0.2,'top_p':0.95," + HI + "}"), noSampling);

        assertFalse(translation.body().containsKey("temperature"));
        assertFalse(translation.body().containsKey("top_p"));
        assertEquals(List.of("temperature and top_p dropped: the upstream does not accept them"),
                translation.notes());
    }

    @Test
    void topKOnlyWhereSupported() {
        JsonObject request = q("{'model':'m','max_tokens':10,'top_k':40," + HI + "}");

        Translation plain = translate(request, PLAIN);
        Translation withTopK = translate(request, Capabilities.builder().with(Feature.TOP_K).build());

        assertFalse(plain.body().containsKey("top_k"));
        assertEquals(List.of("top_k dropped: the upstream does not accept it"), plain.notes());
        assertEquals(40, withTopK.body().getInt("top_k"));
        assertEquals(List.of(), withTopK.notes());
    }

    @Test
    void jsonSchemaOutputFormatBecomesResponseFormat() {
        JsonObject request = q("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Title?'}],'output_config':{
                 'format':{'type':'json_schema','schema':{'type':'object','properties':{'title':{'type':'string'}},
                 'required':['title'],'additionalProperties':false}}}}""");

        JsonObject body = translate(request, Capabilities.builder().with(Feature.JSON_SCHEMA_OUTPUT).build()).body();

        assertEquals(q("""
                {'type':'json_schema','json_schema':{'name':'output','schema':{'type':'object',
                 'properties':{'title':{'type':'string'}},'required':['title'],'additionalProperties':false}}}"""),
                body.getJsonObject("response_format"));
        assertFalse(body.containsKey("output_config"));
    }

    @Test
    void jsonSchemaOutputFormatIsDroppedWithANoteWithoutUpstreamSupport() {
        Translation translation = translate(q("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Title?'}],
                 'output_config':{'format':{'type':'json_schema','schema':{'type':'object'}}}}"""), PLAIN);

        assertFalse(translation.body().containsKey("response_format"));
        assertEquals(List.of("output_config.format dropped: the upstream has no json_schema response format"),
                translation.notes());
    }

    @Test
    void claudeCodeUserIdBecomesAHashedUserAndSessionCacheKey() {
        Capabilities identity = Capabilities.builder().with(Feature.USER).with(Feature.PROMPT_CACHE_KEY).build();

        JsonObject body = translate(claudeCodeRequest(SESSION), identity).body();

        String user = body.getString("user");
        String cacheKey = body.getString("prompt_cache_key");
        assertTrue(user.matches("ccb-[0-9a-f]{32}"), user);
        assertTrue(cacheKey.matches("ccb-[0-9a-f]{32}"), cacheKey);
        assertNotEquals(user, cacheKey);
        assertFalse(body.toString().contains(SESSION));
        assertFalse(body.toString().contains("device_id"));
    }

    @Test
    void identityHashesAreStablePerSessionAndDifferBetweenSessions() {
        Capabilities identity = Capabilities.builder().with(Feature.USER).with(Feature.PROMPT_CACHE_KEY).build();

        JsonObject first = translate(claudeCodeRequest(SESSION), identity).body();
        JsonObject again = translate(claudeCodeRequest(SESSION), identity).body();
        JsonObject other = translate(claudeCodeRequest("0000aaaa-1b2d-4c3e-9f40-123456789abc"), identity).body();

        assertEquals(first.getString("prompt_cache_key"), again.getString("prompt_cache_key"));
        assertEquals(first.getString("user"), again.getString("user"));
        assertNotEquals(first.getString("prompt_cache_key"), other.getString("prompt_cache_key"));
    }

    @Test
    void promptCacheKeyFallsBackToTheSessionHeaderWithTheSameKeyForTheSameSession() {
        Capabilities cacheKey = Capabilities.builder().with(Feature.PROMPT_CACHE_KEY).build();
        JsonObject plainUser = q("{'model':'m','max_tokens':10,'metadata':{'user_id':'user-42'}," + HI + "}");

        JsonObject fromHeader = translate(plainUser, cacheKey, SESSION).body();
        JsonObject fromUserId = translate(claudeCodeRequest(SESSION), cacheKey, null).body();
        JsonObject neither = translate(plainUser, cacheKey, null).body();

        assertEquals(fromUserId.getString("prompt_cache_key"), fromHeader.getString("prompt_cache_key"));
        assertFalse(neither.containsKey("prompt_cache_key"));
        assertFalse(fromHeader.containsKey("user"));
    }

    @Test
    void aUserIdThatIsNoUsableJsonFallsBackToTheSessionHeader() {
        Capabilities cacheKey = Capabilities.builder().with(Feature.PROMPT_CACHE_KEY).build();
        String expected = translate(claudeCodeRequest(SESSION), cacheKey, null).body().getString("prompt_cache_key");
        String deep = "{\"session_id\":" + "[".repeat(1200) + "]".repeat(1200) + "}";
        for (String userId : List.of(deep, "{\"session_id\":1e99999999999}", "{\"session_id\":\"x\"} junk")) {
            JsonObject request = JsonFactories.BUILDERS.createObjectBuilder(q("{'model':'m','max_tokens':10," + HI
                    + "}")).add("metadata", JsonFactories.BUILDERS.createObjectBuilder().add("user_id", userId))
                    .build();

            assertEquals(expected, translate(request, cacheKey, SESSION).body().getString("prompt_cache_key"),
                    userId.length() > 60 ? "deeply nested" : userId);
        }
    }

    @Test
    void identityIsLeftOutWithoutTheFeatures() {
        JsonObject body = translate(claudeCodeRequest(SESSION), PLAIN, SESSION).body();

        assertFalse(body.containsKey("user"));
        assertFalse(body.containsKey("prompt_cache_key"));
        assertFalse(body.containsKey("metadata"));
    }

    @Test
    void streamingAsksForUsage() {
        JsonObject body = body("{'model':'m','max_tokens':10,'stream':true," + HI + "}");

        assertTrue(body.getBoolean("stream"));
        assertEquals(q("{'include_usage':true}"), body.getJsonObject("stream_options"));
    }

    @Test
    void streamingWithoutUsageSupportSendsNoStreamOptions() {
        JsonObject body = translate(q("{'model':'m','max_tokens':10,'stream':true," + HI + "}"),
                Capabilities.builder().without(Feature.STREAM_USAGE).build()).body();

        assertTrue(body.getBoolean("stream"));
        assertFalse(body.containsKey("stream_options"));
    }

    @Test
    void nonStreamingRequestsSendNoStreamField() {
        JsonObject body = body("{'model':'m','max_tokens':10,'stream':false," + HI + "}");

        assertFalse(body.containsKey("stream"));
        assertFalse(body.containsKey("stream_options"));
    }

    @Test
    void unknownAndUnmappedTopLevelFieldsNeverReachTheUpstream() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Hi'}],
                 'context_management':{'edits':[{'type':'clear_thinking_20251015','keep':'all'}]},
                 'safeguards':[{'type':'dangerous_tool_use'}],'service_tier':'auto','container':null,
                 'cache_control':{'type':'ephemeral'},'inference_geo':'us','mcp_servers':[],'speed':'fast',
                 'metadata':{'user_id':'u'},'thinking':{'type':'adaptive'},'output_config':{'effort':'high'},
                 'top_k':5,'some_future_field':{'nested':true}}""");

        assertEquals(Set.of("model", "messages", "max_tokens"), body.keySet());
    }

    private static JsonObject claudeCodeRequest(String session) {
        String userId = "{\\\"device_id\\\":\\\"" + "ab".repeat(32) + "\\\",\\\"account_uuid\\\":\\\"\\\","
                + "\\\"session_id\\\":\\\"" + session + "\\\"}";
        return Json.parseObject("{\"model\":\"claude-opus-5-5\",\"max_tokens\":10,\"metadata\":{\"user_id\":\""
                + userId + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    private static List<String> roles(JsonObject body) {
        return body.getJsonArray("messages").stream().map(m -> m.asJsonObject().getString("role")).toList();
    }
}
