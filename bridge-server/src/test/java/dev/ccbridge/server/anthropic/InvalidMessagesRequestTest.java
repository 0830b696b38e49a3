package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Requests the bridge cannot map fail with {@link InvalidRequestException}, whose message names the offending
 * field's exact path the way the Anthropic API does ({@code messages.3.content.0.type: Field required}). Bodies are
 * written with single quotes; {@code HI} stands for a valid user message.
 */
class InvalidMessagesRequestTest {

    private static final String HI = "{'role':'user','content':'Hi'}";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            []                                             | must be an object
            {'messages':[HI]}                              | model: Field required
            {'model':7,'messages':[HI]}                    | model: must be a string
            {'model':' ','messages':[HI]}                  | model: must not be empty
            {'model':'m'}                                  | messages: Field required
            {'model':'m','messages':{}}                    | messages: must be an array
            {'model':'m','messages':[]}                    | messages: at least one message is required
            {'model':'m','messages':['hi']}                | messages.0: must be an object
            {'model':'m','messages':[{'content':'x'}]}     | messages.0.role: Field required
            {'model':'m','messages':[HI,{'role':'tool','content':'x'}]}      | messages.1.role: must be one of user, assistant, system; got 'tool'
            {'model':'m','messages':[HI,{'role':'developer','content':'x'}]} | messages.1.role: must be one of user, assistant, system; got 'developer'
            {'model':'m','messages':[{'role':'user'}]}                | messages.0.content: Field required
            {'model':'m','messages':[{'role':'user','content':null}]} | messages.0.content: Field required
            {'model':'m','messages':[{'role':'user','content':5}]}    | messages.0.content: must be a string or an array of content blocks
            {'model':'m','messages':[HI],'max_tokens':'many'}         | max_tokens: must be an integer
            {'model':'m','messages':[HI],'max_tokens':1.5}            | max_tokens: must be an integer
            {'model':'m','messages':[HI],'max_tokens':-1}             | max_tokens: must be greater than or equal to 0
            {'model':'m','messages':[HI],'max_tokens':99999999999}    | max_tokens: is out of range
            {'model':'m','messages':[HI],'temperature':'hot'}         | temperature: must be a number
            {'model':'m','messages':[HI],'top_p':true}                | top_p: must be a number
            {'model':'m','messages':[HI],'top_k':0.5}                 | top_k: must be an integer
            {'model':'m','messages':[HI],'stream':'yes'}              | stream: must be a boolean
            {'model':'m','messages':[HI],'stop_sequences':'END'}      | stop_sequences: must be an array
            {'model':'m','messages':[HI],'stop_sequences':['END',5]}  | stop_sequences.1: must be a string
            {'model':'m','messages':[HI],'system':5}                  | system: must be a string or an array of text blocks
            {'model':'m','messages':[HI],'system':[{'type':'text'}]}  | system.0.text: Field required
            {'model':'m','messages':[HI],'system':[{'text':'x'}]}     | system.0.type: Field required
            {'model':'m','messages':[HI],'system':['text']}           | system.0: must be an object
            {'model':'m','messages':[HI],'tools':{}}                  | tools: must be an array
            {'model':'m','messages':[HI],'tools':[{'input_schema':{}}]}                  | tools.0.name: Field required
            {'model':'m','messages':[HI],'tools':[{'name':'a','input_schema':'{}'}]}     | tools.0.input_schema: must be an object
            {'model':'m','messages':[HI],'tools':[{'name':'a','defer_loading':'yes'}]}   | tools.0.defer_loading: must be a boolean
            {'model':'m','messages':[HI],'tool_choice':'auto'}                           | tool_choice: must be an object
            {'model':'m','messages':[HI],'tool_choice':{}}                               | tool_choice.type: Field required
            {'model':'m','messages':[HI],'tool_choice':{'type':'tool'}}                  | tool_choice.name: Field required
            {'model':'m','messages':[HI],'thinking':{}}                                  | thinking.type: Field required
            {'model':'m','messages':[HI],'thinking':{'type':'enabled','budget_tokens':'lots'}} | thinking.budget_tokens: must be an integer
            {'model':'m','messages':[HI],'output_config':{'effort':3}}                   | output_config.effort: must be a string
            {'model':'m','messages':[HI],'output_config':{'format':'json'}}              | output_config.format: must be an object
            {'model':'m','messages':[HI],'metadata':{'user_id':42}}                      | metadata.user_id: must be a string
            """)
    void anInvalidRequestFailsNamingThePath(String body, String message) {
        assertFailure(body.replace("HI", HI), message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            'text'                                                          | messages.3.content.0: must be an object
            {'text':'x'}                                                    | messages.3.content.0.type: Field required
            {'type':'text'}                                                 | messages.3.content.0.text: Field required
            {'type':'text','text':1}                                        | messages.3.content.0.text: must be a string
            {'type':'image'}                                                | messages.3.content.0.source: Field required
            {'type':'image','source':'x'}                                   | messages.3.content.0.source: must be an object
            {'type':'image','source':{'data':'AA'}}                         | messages.3.content.0.source.type: Field required
            {'type':'image','source':{'type':'base64','data':'AA'}}         | messages.3.content.0.source.media_type: Field required
            {'type':'image','source':{'type':'base64','media_type':'image/png'}} | messages.3.content.0.source.data: Field required
            {'type':'image','source':{'type':'url'}}                        | messages.3.content.0.source.url: Field required
            {'type':'document','source':{'type':'text'}}                    | messages.3.content.0.source.data: Field required
            {'type':'document','source':{'type':'content'}}                 | messages.3.content.0.source.content: Field required
            {'type':'document','source':{'type':'text','data':'x'},'title':5} | messages.3.content.0.title: must be a string
            {'type':'tool_result','content':'x'}                            | messages.3.content.0.tool_use_id: Field required
            {'type':'tool_result','tool_use_id':'t','is_error':'yes'}       | messages.3.content.0.is_error: must be a boolean
            {'type':'tool_result','tool_use_id':'t','content':7}            | messages.3.content.0.content: must be a string or an array of content blocks
            {'type':'tool_result','tool_use_id':'t','content':[{'type':'text'}]} | messages.3.content.0.content.0.text: Field required
            {'type':'tool_reference'}                                       | messages.3.content.0.tool_name: Field required
            """)
    void anInvalidUserBlockFailsNamingThePath(String block, String message) {
        assertFailure("{'model':'m','messages':[HI,{'role':'assistant','content':'Yes'},HI,"
                + "{'role':'user','content':[" + block + "]}]}", message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'type':'tool_use','id':'t1','name':'Bash','input':'ls'}        | messages.1.content.1.input: must be an object
            {'type':'tool_use','id':'t1','name':'Bash','input':['ls']}      | messages.1.content.1.input: must be an object
            {'type':'tool_use','name':'Bash','input':{}}                    | messages.1.content.1.id: Field required
            {'type':'tool_use','id':'t1','input':{}}                        | messages.1.content.1.name: Field required
            {'type':'thinking','signature':'s'}                             | messages.1.content.1.thinking: Field required
            {'type':'thinking','thinking':'t','signature':7}                | messages.1.content.1.signature: must be a string
            """)
    void anInvalidAssistantBlockFailsNamingThePath(String block, String message) {
        assertFailure("{'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'text','text':'ok'},"
                + block + "]}]}", message);
    }

    private static void assertFailure(String singleQuotedBody, String message) {
        String json = singleQuotedBody.replace("HI", HI).replace('\'', '"');

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> MessagesRequestReader.read(Json.parse(json), 4096));

        assertEquals(message, e.getMessage());
    }
}
