package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.server.anthropic.InvalidRequestException;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.Translations.PLAIN;
import static dev.ccbridge.server.translate.Translations.array;
import static dev.ccbridge.server.translate.Translations.body;
import static dev.ccbridge.server.translate.Translations.messagesOf;
import static dev.ccbridge.server.translate.Translations.translate;
import static dev.ccbridge.server.translate.Translations.withMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Message content: system turns inside the conversation, text, images, documents, and what is dropped (blank text,
 * unknown blocks, cache_control).
 */
class RequestContentTranslationTest {

    private static final String PNG = "{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}";

    @Test
    void systemMessagesInsideTheConversationStayInPlace() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'system':'Top.','messages':[
                  {'role':'user','content':'Hi'},
                  {'role':'system','content':'# Environment'},
                  {'role':'assistant','content':'Hello'},
                  {'role':'user','content':'Next'},
                  {'role':'system','content':[{'type':'text','text':'Part one.'},
                    {'type':'text','text':'Part two.','cache_control':{'type':'ephemeral'}}]},
                  {'role':'system','content':'Another one.'},
                  {'role':'assistant','content':'Ok'},
                  {'role':'user','content':'Go'}]}""");

        assertEquals(array("""
                [{'role':'system','content':'Top.'},
                 {'role':'user','content':'Hi'},
                 {'role':'system','content':'# Environment'},
                 {'role':'assistant','content':'Hello'},
                 {'role':'user','content':'Next'},
                 {'role':'system','content':'Part one.\\n\\nPart two.'},
                 {'role':'system','content':'Another one.'},
                 {'role':'assistant','content':'Ok'},
                 {'role':'user','content':'Go'}]"""), body.getJsonArray("messages"));
    }

    @Test
    void systemMessagesAfterCompactionKeepTheirOrder() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':'Summary of the earlier conversation.'},
                 {'role':'system','content':'# Environment A'},
                 {'role':'assistant','content':'Understood.'},
                 {'role':'user','content':'Continue.'},
                 {'role':'system','content':[{'type':'text','text':'# Environment B'}]},
                 {'role':'assistant','content':'Continuing.'},
                 {'role':'user','content':'Thanks.'}]""");

        assertEquals(List.of("user", "system", "assistant", "user", "system", "assistant", "user"), roles(messages));
        assertEquals("# Environment B", messages.getJsonObject(4).getString("content"));
    }

    @Test
    void blankSystemMessagesAreDropped() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':'Hi'},{'role':'system','content':'  '},
                 {'role':'system','content':[{'type':'text','text':''}]}]""");

        assertEquals(List.of("user"), roles(messages));
    }

    @Test
    void textOnlyUserContentIsSentAsOneString() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[{'type':'text','text':'<system-reminder>x</system-reminder>'},
                  {'type':'text','text':'List the files.'}]}]""");

        assertEquals(array("[{'role':'user','content':'<system-reminder>x</system-reminder>\\n\\nList the files.'}]"),
                messages);
    }

    @Test
    void imagesBecomeImageUrlPartsInOrder() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[{'type':'text','text':'Compare'},
                  {'type':'image','source':%s},
                  {'type':'image','source':{'type':'url','url':'https://example.com/b.jpg'}},
                  {'type':'text','text':'please.'}]}]""".formatted(PNG));

        assertEquals(array("""
                [{'type':'text','text':'Compare'},
                 {'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo='}},
                 {'type':'image_url','image_url':{'url':'https://example.com/b.jpg'}},
                 {'type':'text','text':'please.'}]"""), messages.getJsonObject(0).getJsonArray("content"));
    }

    @Test
    void imagesBecomeTextMarkersWhenTheUpstreamTakesNoImages() {
        Capabilities textOnly = Capabilities.builder().without(Feature.IMAGES).build();

        Translation translation = translate(withMessages("""
                [{'role':'user','content':[{'type':'text','text':'What is this?'},{'type':'image','source':%s}]}]"""
                .formatted(PNG)), textOnly);

        assertEquals(array("[{'role':'user','content':'What is this?\\n\\n" + MessageTranslator.IMAGE_OMITTED + "'}]"),
                translation.body().getJsonArray("messages"));
        assertEquals(List.of("images replaced by a text marker: the upstream does not accept images"),
                translation.notes());
    }

    @Test
    void pdfDocumentsBecomeFileParts() {
        Capabilities files = Capabilities.builder().with(Feature.PDF_FILES).build();

        JsonArray messages = messagesOf("""
                [{'role':'user','content':[
                  {'type':'document','title':'spec.pdf','source':{'type':'base64','media_type':'application/pdf','data':'JVBERi0x'}},
                  {'type':'document','source':{'type':'base64','media_type':'application/pdf','data':'JVBERi0y'}},
                  {'type':'text','text':'Summarise both.'}]}]""", files);

        assertEquals(array("""
                [{'type':'file','file':{'filename':'spec.pdf','file_data':'data:application/pdf;base64,JVBERi0x'}},
                 {'type':'file','file':{'filename':'document.pdf','file_data':'data:application/pdf;base64,JVBERi0y'}},
                 {'type':'text','text':'Summarise both.'}]"""), messages.getJsonObject(0).getJsonArray("content"));
    }

    @Test
    void pdfDocumentsBecomeTextMarkersWhenTheUpstreamTakesNoFiles() {
        Translation translation = translate(withMessages("""
                [{'role':'user','content':[{'type':'document','title':'spec.pdf',
                  'source':{'type':'base64','media_type':'application/pdf','data':'JVBERi0x'}}]}]"""), PLAIN);

        assertEquals(MessageTranslator.PDF_OMITTED + " spec.pdf",
                translation.body().getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals(List.of("PDF replaced by a text marker: the upstream does not accept files"), translation.notes());
        assertFalse(translation.body().toString().contains("JVBERi0x"));
    }

    @Test
    void textDocumentsBecomeText() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[
                  {'type':'document','title':'notes.txt','source':{'type':'text','media_type':'text/plain','data':'line 1'}},
                  {'type':'document','source':{'type':'text','media_type':'text/plain','data':'untitled'}},
                  {'type':'document','source':{'type':'content','content':[{'type':'text','text':'a'},{'type':'text','text':'b'}]}},
                  {'type':'document','title':'remote','source':{'type':'url','url':'https://example.com/r.pdf'}}]}]""");

        assertEquals("notes.txt\n\nline 1\n\nuntitled\n\na\nb\n\nremote\n\n[document at https://example.com/r.pdf]",
                messages.getJsonObject(0).getString("content"));
    }

    @Test
    void blankTextBlocksAreDroppedAndMessagesLeftEmptyDisappear() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[{'type':'text','text':''},{'type':'text','text':'Hi'},{'type':'text','text':' \\n '}]},
                 {'role':'assistant','content':[{'type':'text','text':''}]},
                 {'role':'user','content':[{'type':'text','text':'   '}]},
                 {'role':'assistant','content':[{'type':'text','text':'Hello'},{'type':'text','text':''}]},
                 {'role':'user','content':'Bye'}]""");

        assertEquals(array("""
                [{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello'},
                 {'role':'user','content':'Bye'}]"""), messages);
    }

    @Test
    void aConversationOfOnlyEmptyMessagesIsRejectedRatherThanSentEmpty() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> messagesOf("""
                [{'role':'user','content':''},{'role':'user','content':[{'type':'text','text':' '}]}]"""));

        assertEquals("messages: every message is empty; at least one needs content", e.getMessage());
    }

    @Test
    void aSystemPromptAloneIsStillARequest() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'system':'Say hi.','messages':[{'role':'user','content':''}]}""");

        assertEquals(array("[{'role':'system','content':'Say hi.'}]"), body.getJsonArray("messages"));
    }

    @Test
    void assistantTextBlocksAreJoinedAndAFinalAssistantPrefillIsKept() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':'Write JSON'},
                 {'role':'assistant','content':[{'type':'text','text':'Here:'},{'type':'text','text':'{'}]}]""");

        assertEquals(q("{'role':'assistant','content':'Here:\\n\\n{'}"), messages.getJsonObject(1));
    }

    @Test
    void unknownBlocksAreDropped() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[{'type':'text','text':'Search'},{'type':'container_upload','file_id':'f'}]},
                 {'role':'assistant','content':[{'type':'server_tool_use','id':'srvtoolu_1','name':'web_search','input':{}},
                   {'type':'web_search_tool_result','tool_use_id':'srvtoolu_1','content':[]},
                   {'type':'text','text':'Found it.'}]}]""");

        assertEquals(array("[{'role':'user','content':'Search'},{'role':'assistant','content':'Found it.'}]"),
                messages);
    }

    @Test
    void cacheControlNeverReachesTheUpstream() {
        JsonObject body = body("""
                {'model':'m','max_tokens':10,'cache_control':{'type':'ephemeral'},
                 'system':[{'type':'text','text':'S','cache_control':{'type':'ephemeral','ttl':'1h'}}],
                 'tools':[{'name':'Bash','input_schema':{'type':'object'},'cache_control':{'type':'ephemeral'}}],
                 'messages':[{'role':'user','content':[{'type':'text','text':'Hi','cache_control':{'type':'ephemeral'}},
                   {'type':'image','source':%s,'cache_control':{'type':'ephemeral'}}]},
                  {'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'Bash','input':{'command':'ls'},
                   'cache_control':{'type':'ephemeral'}}]},
                  {'role':'user','content':[{'type':'tool_result','tool_use_id':'t1','content':'a',
                   'cache_control':{'type':'ephemeral'}}]}]}""".formatted(PNG));

        assertFalse(body.toString().contains("cache_control"), body.toString());
        assertFalse(body.toString().contains("ephemeral"), body.toString());
    }

    private static List<String> roles(JsonArray messages) {
        return messages.stream().map(m -> m.asJsonObject().getString("role")).toList();
    }
}
