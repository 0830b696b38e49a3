package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.ChatRequestSchema;
import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.OpenAiWire;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.GenericOpenAiAdapter;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link SchemaSanitizer} against the schema shapes Claude Code really sends (built-in tools: {@code $schema},
 * {@code propertyNames}, {@code exclusiveMinimum}, the 2^53-1 {@code maximum}, {@code format:"uri"}, {@code allOf}
 * of two patterns, {@code additionalProperties} false and schema-valued, an untyped property) and MCP servers add
 * ({@code anyOf} with a null branch, type arrays, {@code const}, {@code $ref}/{@code $defs}, recursion). The output
 * may use only the kept keywords, and every constraint it drops must be readable in that node's description.
 */
class SchemaSanitizerTest {

    private static final Set<String> KEPT = Set.of("type", "description", "enum", "properties", "required",
            "items", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "anyOf",
            "nullable", "title");

    private static final JsonObject ASK_USER_QUESTION = JsonText.object("""
            {'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',
             'properties':{
               'questions':{'type':'array','minItems':1,'maxItems':4,'description':'Questions to ask the user',
                 'items':{'type':'object','properties':{
                   'question':{'type':'string','description':'The complete question'},
                   'header':{'type':'string','maxLength':12},
                   'options':{'type':'array','minItems':2,'maxItems':4,'items':{'type':'object',
                     'properties':{'label':{'type':'string'},'description':{'type':'string'}},
                     'required':['label','description'],'additionalProperties':false}},
                   'multiSelect':{'type':'boolean','default':false}},
                  'required':['question','header','options','multiSelect'],'additionalProperties':false}},
               'answers':{'type':'object','description':'User answers collected by the permission component',
                 'propertyNames':{'type':'string','maxLength':200},'additionalProperties':{'type':'string'}}},
             'required':['questions'],'additionalProperties':false}""");

    private static final JsonObject BUILT_INS = JsonText.object("""
            {'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',
             'properties':{
               'offset':{'type':'integer','exclusiveMinimum':0,'maximum':9007199254740991,
                         'description':'The line number to start reading from'},
               'url':{'type':'string','format':'uri','description':'The URL to fetch content from'},
               'to':{'type':'string','allOf':[{'pattern':'^[a-zA-Z0-9_-]+$'},{'pattern':'^[^@]*$'}]},
               'args':{'description':'Arguments for the workflow'}},
             'required':['url'],'additionalProperties':false}""");

    private static final JsonObject MCP = JsonText.object("""
            {'type':'object',
             'properties':{
               'since':{'anyOf':[{'type':'string','format':'date-time'},{'type':'null'}],'default':null,
                        'title':'Since'},
               'tags':{'type':['array','null'],'items':{'type':'string'},'uniqueItems':true},
               'label':{'type':['string','null'],'description':'A label'},
               'mode':{'const':'fast'},
               'filter':{'$ref':'#/$defs/Filter','description':'Which rows'},
               'tree':{'$ref':'#/$defs/Node'}},
             '$defs':{
               'Filter':{'type':'object','properties':{'field':{'type':'string'}},'required':['field']},
               'Node':{'type':'object','properties':{'name':{'type':'string'},
                       'children':{'type':'array','items':{'$ref':'#/$defs/Node'}}}}}}""");

    @Test
    void askUserQuestionKeepsItsShapeAndDescribesWhatItDrops() {
        JsonObject out = SchemaSanitizer.sanitize(ASK_USER_QUESTION);
        assertOnlyKeptKeywords(out);
        assertDescribes(out, "no properties other than those listed");
        JsonObject questions = property(out, "questions");
        assertEquals(1, questions.getInt("minItems"));
        assertEquals(4, questions.getInt("maxItems"));
        assertEquals("Questions to ask the user", questions.getString("description"));
        JsonObject question = questions.getJsonObject("items");
        assertEquals(JsonText.array("['question','header','options','multiSelect']"), question.get("required"));
        assertDescribes(question, "no properties other than those listed");
        assertDescribes(property(question, "multiSelect"), "default false");
        JsonObject option = property(question, "options").getJsonObject("items");
        assertEquals(Set.of("label", "description"), option.getJsonObject("properties").keySet(),
                "a property named 'description' is a property");
        JsonObject answers = property(out, "answers");
        assertTrue(answers.getString("description").startsWith("User answers collected by the permission component"));
        assertDescribes(answers, "property names", "200");
        assertDescribes(answers, "other properties", "string");
    }

    @Test
    void builtInBoundsFormatsPatternsAndUntypedPropertiesSurviveAsTextOrAsIs() {
        JsonObject out = SchemaSanitizer.sanitize(BUILT_INS);
        assertOnlyKeptKeywords(out);
        JsonObject offset = property(out, "offset");
        assertEquals("integer", offset.getString("type"));
        assertEquals(9007199254740991L, offset.getJsonNumber("maximum").longValueExact());
        assertTrue(offset.getString("description").startsWith("The line number to start reading from"));
        assertDescribes(offset, "greater than 0");
        assertDescribes(property(out, "url"), "uri");
        assertDescribes(property(out, "to"), "^[a-zA-Z0-9_-]+$", "^[^@]*$");
        assertEquals(JsonText.object("{'description':'Arguments for the workflow'}"), property(out, "args"));
        assertEquals(JsonText.array("['url']"), out.get("required"));
    }

    @Test
    void mcpNullBranchesAndTypeArraysBecomeNullable() {
        JsonObject out = SchemaSanitizer.sanitize(MCP);
        assertOnlyKeptKeywords(out);
        JsonObject since = property(out, "since");
        assertEquals("string", since.getString("type"));
        assertTrue(since.getBoolean("nullable"));
        assertEquals("Since", since.getString("title"));
        assertDescribes(since, "date-time", "default null");
        JsonObject tags = property(out, "tags");
        assertEquals("array", tags.getString("type"));
        assertTrue(tags.getBoolean("nullable"));
        assertEquals("string", tags.getJsonObject("items").getString("type"));
        assertDescribes(tags, "unique");
        JsonObject label = property(out, "label");
        assertEquals(JsonText.object("{'type':'string','description':'A label','nullable':true}"), label);
    }

    @Test
    void constBecomesAOneValueEnum() {
        assertEquals(JsonText.object("{'enum':['fast']}"), property(SchemaSanitizer.sanitize(MCP), "mode"));
    }

    @Test
    void localRefsAreInlinedAndRecursionIsCutAtTheRepeat() {
        JsonObject out = SchemaSanitizer.sanitize(MCP);
        JsonObject filter = property(out, "filter");
        assertEquals(JsonText.object("{'type':'object','properties':{'field':{'type':'string'}},'required':['field'],"
                + "'description':'Which rows'}"), filter);
        JsonObject tree = property(out, "tree");
        assertEquals("object", tree.getString("type"));
        JsonObject children = property(tree, "children");
        JsonObject child = children.getJsonObject("items");
        assertEquals("object", child.getString("type"));
        assertDescribes(child, "#/$defs/Node");
        assertNull(child.get("properties"), "the repeat is not inlined again: " + child);
        assertOnlyKeptKeywords(out);
    }

    @Test
    void propertiesNamedAfterKeywordsStayProperties() {
        JsonObject out = SchemaSanitizer.sanitize(JsonText.object("""
                {'type':'object','properties':{
                   'format':{'type':'string','enum':['json','text']},
                   'default':{'type':'string','description':'Fallback value'},
                   'const':{'type':'number'},
                   '$ref':{'type':'string'}},
                 'required':['format','default']}"""));
        assertEquals(Set.of("format", "default", "const", "$ref"), out.getJsonObject("properties").keySet());
        assertEquals(JsonText.object("{'type':'string','enum':['json','text']}"), property(out, "format"));
        assertEquals(JsonText.object("{'type':'string','description':'Fallback value'}"), property(out, "default"));
        assertEquals(JsonText.array("['format','default']"), out.get("required"));
    }

    @Test
    void aSchemaInTheSubsetIsUnchanged() {
        JsonObject schema = JsonText.object("""
                {'type':'object','description':'Runs a command','properties':{
                   'command':{'type':'string','minLength':1},
                   'timeout':{'type':'number','minimum':0,'maximum':600000},
                   'mode':{'type':'string','enum':['a','b']},
                   'paths':{'type':'array','items':{'type':'string','pattern':'^/'},'maxItems':10}},
                 'required':['command']}""");
        assertEquals(schema, SchemaSanitizer.sanitize(schema));
    }

    @Test
    void oneOfAndUnknownKeywordsAreDescribed() {
        JsonObject out = SchemaSanitizer.sanitize(JsonText.object("""
                {'type':'object','minProperties':1,'properties':{
                   'value':{'oneOf':[{'type':'string'},{'type':'integer'}]},
                   'either':{'type':['string','integer']},
                   'not-this':{'type':'string','not':{'enum':['root']}}}}"""));
        assertOnlyKeptKeywords(out);
        assertDescribes(out, "minProperties 1");
        JsonObject value = property(out, "value");
        assertEquals(2, value.getJsonArray("anyOf").size());
        assertDescribes(value, "exactly one");
        assertDescribes(property(out, "either"), "string", "integer");
        assertDescribes(property(out, "not-this"), "root");
    }

    @Test
    void theRequestQuirkSanitizesToolsAndTheResponseFormat() {
        GenericOpenAiAdapter gemini = new GenericOpenAiAdapter(new AdapterSettings("g",
                Map.of("profile", "gemini", "api-key", "sk-test-g")));
        JsonObject body = JsonText.object("{'model':'gemini-2.5-pro','messages':[{'role':'user','content':'hi'}],"
                + "'tools':[{'type':'function','function':{'name':'AskUserQuestion','parameters':"
                + ASK_USER_QUESTION + "}},{'type':'function','function':{'name':'NoParameters'}}],"
                + "'response_format':{'type':'json_schema','json_schema':{'name':'output','schema':"
                + "{'type':'object','properties':{'title':{'type':'string'}},'required':['title'],"
                + "'additionalProperties':false}}}}");
        OutboundRequest request = new OutboundRequest(gemini.chatCompletionsUri("gemini-2.5-pro"), body, "req_1",
                null, Map.of());
        gemini.prepare(request);
        JsonArray tools = request.body().getJsonArray("tools");
        assertEquals(SchemaSanitizer.sanitize(ASK_USER_QUESTION),
                tools.getJsonObject(0).getJsonObject("function").getJsonObject("parameters"));
        assertEquals(body.getJsonArray("tools").get(1), tools.get(1));
        JsonObject format = request.body().getJsonObject("response_format").getJsonObject("json_schema")
                .getJsonObject("schema");
        assertOnlyKeptKeywords(format);
        assertDescribes(format, "no properties other than those listed");
        ChatRequestSchema.check(request.body());
    }

    @Test
    void typicalClaudeCodeRequestStaysValid() {
        GenericOpenAiAdapter gemini = new GenericOpenAiAdapter(new AdapterSettings("g", Map.of("profile", "gemini")));
        OutboundRequest request = new OutboundRequest(gemini.chatCompletionsUri("gemini-2.5-flash"),
                OpenAiWire.typicalRequest("gemini-2.5-flash", gemini.capabilities("gemini-2.5-flash")), "req_1",
                null, Map.of());
        gemini.prepare(request);
        ChatRequestSchema.check(request.body());
        assertOnlyKeptKeywords(request.body().getJsonArray("tools").getJsonObject(0).getJsonObject("function")
                .getJsonObject("parameters"));
    }

    private static JsonObject property(JsonObject schema, String name) {
        return schema.getJsonObject("properties").getJsonObject(name);
    }

    private static void assertDescribes(JsonObject node, String... fragments) {
        String description = node.getString("description", "");
        for (String fragment : fragments) {
            assertTrue(description.contains(fragment), "'" + fragment + "' missing from the description of " + node);
        }
    }

    /** Walks the schema by position: keys of schema nodes are keywords, keys under properties are names. */
    private static void assertOnlyKeptKeywords(JsonObject node) {
        for (Map.Entry<String, JsonValue> entry : node.entrySet()) {
            if (!KEPT.contains(entry.getKey())) {
                fail("keyword '" + entry.getKey() + "' left in " + node);
            }
        }
        if (node.get("properties") instanceof JsonObject properties) {
            properties.values().forEach(p -> assertOnlyKeptKeywords(p.asJsonObject()));
        }
        if (node.get("items") instanceof JsonObject items) {
            assertOnlyKeptKeywords(items);
        }
        if (node.get("anyOf") instanceof JsonArray branches) {
            branches.forEach(b -> assertOnlyKeptKeywords(b.asJsonObject()));
        }
    }
}
