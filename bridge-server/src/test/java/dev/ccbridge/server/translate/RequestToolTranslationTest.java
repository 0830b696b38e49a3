package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.Translations.PLAIN;
import static dev.ccbridge.server.translate.Translations.array;
import static dev.ccbridge.server.translate.Translations.body;
import static dev.ccbridge.server.translate.Translations.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools and tool choice: functions from input schemas, reversible aliases for names the upstream would reject,
 * deferred tools, server tools, and {@code tool_choice} / {@code parallel_tool_calls}.
 */
class RequestToolTranslationTest {

    /** A Claude Code MCP tool name longer than OpenAI's 64-character function-name limit. */
    static final String MCP_NAME = "mcp__claude_in_chrome_extension_server__browser_take_screenshot_of_tabs";

    private static final String HI = "'messages':[{'role':'user','content':'Hi'}]";
    private static final String BASH = "{'name':'Bash','input_schema':{'type':'object'}}";

    @Test
    void theMcpNameIsLongerThanTheLimit() {
        assertEquals(71, MCP_NAME.length());
    }

    @Test
    void toolsBecomeFunctionsWithTheInputSchemaAsParameters() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,%s,'tools':[
                  {'name':'Read','description':'Reads a file','input_schema':{
                    '$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',
                    'properties':{'file_path':{'type':'string'},'offset':{'type':'integer','exclusiveMinimum':0},
                      'when':{'anyOf':[{'type':'string','format':'date-time'},{'type':'null'}]},
                      'answers':{'type':'object','propertyNames':{'maxLength':20},'additionalProperties':{'type':'string'}}},
                    'required':['file_path'],'additionalProperties':false}},
                  {'name':'Noop','input_schema':{}},
                  {'name':'Untyped','input_schema':{'properties':{'args':{}}}}]}""".formatted(HI));

        assertEquals(array("""
                [{'type':'function','function':{'name':'Read','description':'Reads a file','parameters':{
                    '$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',
                    'properties':{'file_path':{'type':'string'},'offset':{'type':'integer','exclusiveMinimum':0},
                      'when':{'anyOf':[{'type':'string','format':'date-time'},{'type':'null'}]},
                      'answers':{'type':'object','propertyNames':{'maxLength':20},'additionalProperties':{'type':'string'}}},
                    'required':['file_path'],'additionalProperties':false}}},
                 {'type':'function','function':{'name':'Noop','parameters':{'type':'object','properties':{}}}},
                 {'type':'function','function':{'name':'Untyped','parameters':{'type':'object',
                    'properties':{'args':{}}}}}]"""), body.getJsonArray("tools"));
    }

    @Test
    void aLongMcpNameGetsAShortAliasUsedEverywhereAndMappedBack() {
        Translation translation = translate(q("""
                {'model':'m','max_tokens':10,'tools':[{'name':'%1$s','input_schema':{'type':'object'}}],
                 'tool_choice':{'type':'tool','name':'%1$s'},
                 'messages':[{'role':'user','content':'Screenshot'},
                  {'role':'assistant','content':[{'type':'tool_use','id':'toolu_01','name':'%1$s','input':{}}]},
                  {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':'done'}]}]}"""
                .formatted(MCP_NAME)), PLAIN);

        JsonObject body = translation.body();
        String alias = body.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name");
        assertTrue(alias.matches("[a-zA-Z0-9_-]{1,64}"), alias);
        assertTrue(alias.startsWith("mcp__claude_in_chrome_extension_server__"), alias);
        assertEquals(alias, body.getJsonArray("messages").getJsonObject(1).getJsonArray("tool_calls")
                .getJsonObject(0).getJsonObject("function").getString("name"));
        assertEquals(alias, body.getJsonObject("tool_choice").getJsonObject("function").getString("name"));
        assertEquals(MCP_NAME, translation.toolNames().original(alias));
        assertFalse(body.toString().contains(MCP_NAME));
    }

    @Test
    void theAliasIsTheSameOnEveryRequest() {
        String request = "{'model':'m','max_tokens':10," + HI + ",'tools':[{'name':'" + MCP_NAME
                + "','input_schema':{'type':'object'}}]}";

        Translation first = translate(q(request), PLAIN);
        Translation second = translate(q(request), PLAIN);

        String alias = functionNames(first.body()).getFirst();
        assertEquals(alias, functionNames(second.body()).getFirst());
        assertEquals(MCP_NAME, second.toolNames().original(alias));
        assertEquals(alias, new ToolNames(Capabilities.OPENAI_TOOL_NAME_LIMIT).alias(MCP_NAME));
    }

    @Test
    void namesWithCharactersOutsideTheAllowedSetAreAliasedAndOthersKept() {
        Translation translation = translate(q("""
                {'model':'m','max_tokens':10,%s,'tools':[
                  {'name':'mcp__my.server__get:item','input_schema':{'type':'object'}},
                  {'name':'mcp__files__read-file_2','input_schema':{'type':'object'}}]}""".formatted(HI)), PLAIN);

        List<String> names = functionNames(translation.body());
        assertTrue(names.getFirst().matches("mcp__my_server__get_item_[0-9a-f]{8}"), names.getFirst());
        assertEquals("mcp__files__read-file_2", names.get(1));
        assertEquals("mcp__my.server__get:item", translation.toolNames().original(names.getFirst()));
        assertEquals("mcp__files__read-file_2", translation.toolNames().original("mcp__files__read-file_2"));
        assertEquals("NotAnAlias", translation.toolNames().original("NotAnAlias"));
    }

    @Test
    void twoLongNamesWithTheSamePrefixGetDifferentAliases() {
        String other = MCP_NAME.substring(0, 70) + "2";
        Translation translation = translate(q("{'model':'m','max_tokens':10," + HI + ",'tools':[{'name':'" + MCP_NAME
                + "','input_schema':{'type':'object'}},{'name':'" + other + "','input_schema':{'type':'object'}}]}"),
                PLAIN);

        List<String> names = functionNames(translation.body());
        assertNotEquals(names.get(0), names.get(1));
        assertEquals(MCP_NAME, translation.toolNames().original(names.get(0)));
        assertEquals(other, translation.toolNames().original(names.get(1)));
    }

    @Test
    void aShorterUpstreamLimitIsRespected() {
        Capabilities short32 = Capabilities.builder().toolNameMaxLength(32).build();

        Translation translation = translate(q("{'model':'m','max_tokens':10," + HI + ",'tools':[" + BASH
                + ",{'name':'mcp__github__create_pull_request_review','input_schema':{'type':'object'}}]}"), short32);

        List<String> names = functionNames(translation.body());
        assertEquals("Bash", names.getFirst());
        assertEquals(32, names.get(1).length());
        assertEquals("mcp__github__create_pull_request_review", translation.toolNames().original(names.get(1)));
    }

    @Test
    void deferredToolsAreSentOnlyOnceAToolReferenceNamesThem() {
        String tools = """
                'tools':[{'name':'ToolSearch','input_schema':{'type':'object'}},
                  {'name':'DeferredToolPlaceholder','input_schema':{'type':'object','properties':{}},'defer_loading':true},
                  {'name':'WebFetch','input_schema':{'type':'object'},'defer_loading':true},
                  {'name':'WebSearch','input_schema':{'type':'object'},'defer_loading':true},
                  {'name':'WebFetch','input_schema':{'type':'object'},'defer_loading':true}]""";

        JsonObject before = body("{'model':'m','max_tokens':10," + HI + "," + tools + "}");
        JsonObject after = body("""
                {'model':'m','max_tokens':10,%s,'messages':[{'role':'user','content':'Fetch it'},
                  {'role':'assistant','content':[{'type':'tool_use','id':'toolu_s','name':'ToolSearch',
                   'input':{'query':'select:WebFetch'}}]},
                  {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_s',
                   'content':[{'type':'tool_reference','tool_name':'WebFetch'}]},{'type':'text','text':'Tool loaded.'}]}]}"""
                .formatted(tools));

        assertEquals(List.of("ToolSearch"), functionNames(before));
        assertEquals(List.of("ToolSearch", "WebFetch"), functionNames(after));
    }

    @Test
    void serverToolsAreDroppedWithANote() {
        Translation translation = translate(q("""
                {'model':'m','max_tokens':10,%s,'tools':[%s,
                  {'type':'web_search_20250305','name':'web_search','max_uses':8},
                  {'type':'code_execution_20250825','name':'code_execution'}]}""".formatted(HI, BASH)), PLAIN);

        assertEquals(List.of("Bash"), functionNames(translation.body()));
        assertFalse(translation.body().containsKey("web_search_options"));
        assertEquals(List.of(
                "dropped server tool web_search (web_search_20250305): the upstream cannot run it",
                "dropped server tool code_execution (code_execution_20250825): the upstream cannot run it"),
                translation.notes());
    }

    @Test
    void webSearchMapsToTheUpstreamSearchWhereThereIsOne() {
        Capabilities search = Capabilities.builder().with(Feature.WEB_SEARCH).build();

        Translation translation = translate(q("""
                {'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Perform a web search for the query: x'}],
                 'tools':[{'type':'web_search_20250305','name':'web_search','max_uses':8}],'tool_choice':{'type':'auto'}}"""),
                search);

        assertEquals(JsonValue.EMPTY_JSON_OBJECT, translation.body().get("web_search_options"));
        assertEquals(List.of(), translation.notes());
    }

    @Test
    void noToolsLeftMeansNoToolFieldsAtAll() {
        Set<String> noToolKeys = Set.of("model", "messages", "max_tokens");

        JsonObject onlyServer = body("""
                {'model':'m','max_tokens':10,%s,'tool_choice':{'type':'any','disable_parallel_tool_use':true},
                 'tools':[{'type':'web_search_20250305','name':'web_search','max_uses':8}]}""".formatted(HI));
        JsonObject onlyDeferred = body("""
                {'model':'m','max_tokens':10,%s,'tool_choice':{'type':'auto','disable_parallel_tool_use':true},
                 'tools':[{'name':'DeferredToolPlaceholder','input_schema':{'type':'object'},'defer_loading':true}]}"""
                .formatted(HI));
        JsonObject emptyTools = body("{'model':'m','max_tokens':10," + HI
                + ",'tools':[],'tool_choice':{'type':'auto'}}");

        assertEquals(noToolKeys, onlyServer.keySet());
        assertEquals(noToolKeys, onlyDeferred.keySet());
        assertEquals(noToolKeys, emptyTools.keySet());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'type':'auto'}               | 'auto'
            {'type':'any'}                | 'required'
            {'type':'none'}               | 'none'
            {'type':'tool','name':'Bash'} | {'type':'function','function':{'name':'Bash'}}
            """)
    void toolChoiceMapsToTheOpenAiForm(String choice, String expected) {
        JsonObject body = body("{'model':'m','max_tokens':10," + HI + ",'tools':[" + BASH + "],'tool_choice':"
                + choice + "}");

        assertEquals(q("{'v':" + expected + "}").get("v"), body.get("tool_choice"));
        assertFalse(body.containsKey("parallel_tool_calls"));
    }

    @Test
    void aToolChoiceNamingAToolThatIsNotSentBecomesRequiredWithANote() {
        Translation translation = translate(q("{'model':'m','max_tokens':10," + HI + ",'tools':[" + BASH
                + "],'tool_choice':{'type':'tool','name':'Missing'}}"), PLAIN);

        assertEquals("required", translation.body().getString("tool_choice"));
        assertEquals(List.of("tool_choice names Missing, which is not among the tools; sent as required"),
                translation.notes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'type':'auto','disable_parallel_tool_use':true}               | 'auto'
            {'type':'any','disable_parallel_tool_use':true}                | 'required'
            {'type':'tool','name':'Bash','disable_parallel_tool_use':true} | {'type':'function','function':{'name':'Bash'}}
            """)
    void disableParallelToolUseTurnsParallelToolCallsOff(String choice, String expected) {
        JsonObject body = body("{'model':'m','max_tokens':10," + HI + ",'tools':[" + BASH + "],'tool_choice':"
                + choice + "}");

        assertEquals(q("{'v':" + expected + "}").get("v"), body.get("tool_choice"));
        assertEquals(JsonValue.FALSE, body.get("parallel_tool_calls"));
    }

    @Test
    void toolChoiceAndParallelToolCallsAreLeftOutWhereUnsupported() {
        Capabilities bare = Capabilities.builder().without(Feature.TOOL_CHOICE).without(Feature.PARALLEL_TOOL_CALLS)
                .build();

        JsonObject body = translate(q("{'model':'m','max_tokens':10," + HI + ",'tools':[" + BASH
                + "],'tool_choice':{'type':'any','disable_parallel_tool_use':true}}"), bare).body();

        assertEquals(List.of("Bash"), functionNames(body));
        assertFalse(body.containsKey("tool_choice"));
        assertFalse(body.containsKey("parallel_tool_calls"));
    }

    private static List<String> functionNames(JsonObject body) {
        JsonArray tools = body.getJsonArray("tools");
        return tools.stream().map(t -> t.asJsonObject().getJsonObject("function").getString("name")).toList();
    }
}
