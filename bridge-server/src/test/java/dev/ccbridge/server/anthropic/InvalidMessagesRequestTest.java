package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Requests the bridge cannot map fail with {@link InvalidRequestException}, whose message names the offending
 * field's exact path the way the Anthropic API does ({@code messages.3.content.0.type: Field required}).
 */
class InvalidMessagesRequestTest {

    private static final String HI = "{'role':'user','content':'Hi'}";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            []                                                                    | must be an object
            {'messages':[HI]}                                                     | model: Field required
            {'model':7,'messages':[HI]}                                           | model: must be a string
            {'model':' ','messages':[HI]}                                         | model: must not be empty
            {'model':'m'}                                                         | messages: Field required
            {'model':'m','messages':{}}                                           | messages: must be an array
            {'model':'m','messages':[]}                                           | messages: at least one message is required
            {'model':'m','messages':['hi']}                                       | messages.0: must be an object
            {'model':'m','messages':[{'content':'x'}]}                            | messages.0.role: Field required
            {'model':'m','messages':[HI,{'role':'tool','content':'x'}]}           | messages.1.role: must be one of user, assistant, system; got 'tool'
            {'model':'m','messages':[HI,{'role':'developer','content':'x'}]}      | messages.1.role: must be one of user, assistant, system; got 'developer'
            {'model':'m','messages':[{'role':'user'}]}                            | messages.0.content: Field required
            {'model':'m','messages':[{'role':'user','content':null}]}             | messages.0.content: Field required
            {'model':'m','messages':[{'role':'user','content':5}]}                | messages.0.content: must be a string or an array of content blocks
            {'model':'m','messages':[{'role':'user','content':['text']}]}         | messages.0.content.0: must be an object
            {'model':'m','messages':[HI,HI,HI,{'role':'user','content':[{'text':'x'}]}]} | messages.3.content.0.type: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'text'}]}]} | messages.0.content.0.text: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'text','text':1}]}]} | messages.0.content.0.text: must be a string
            {'model':'m','messages':[{'role':'user','content':[{'type':'image'}]}]} | messages.0.content.0.source: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'image','source':'x'}]}]} | messages.0.content.0.source: must be an object
            {'model':'m','messages':[{'role':'user','content':[{'type':'image','source':{'type':'base64','data':'AA'}}]}]} | messages.0.content.0.source.media_type: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'image','source':{'type':'url'}}]}]} | messages.0.content.0.source.url: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'document','source':{'type':'content'}}]}]} | messages.0.content.0.source.content: Field required
            {'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'Bash','input':'ls'}]}]} | messages.1.content.0.input: must be an object
            {'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'tool_use','id':'t1','name':'Bash','input':[1]}]}]} | messages.1.content.0.input: must be an object
            {'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'tool_use','name':'Bash','input':{}}]}]} | messages.1.content.0.id: Field required
            {'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'tool_use','id':'t1','input':{}}]}]} | messages.1.content.0.name: Field required
            {'model':'m','messages':[HI,{'role':'assistant','content':[{'type':'thinking','signature':'s'}]}]} | messages.1.content.0.thinking: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'tool_result','content':'x'}]}]} | messages.0.content.0.tool_use_id: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','is_error':'yes'}]}]} | messages.0.content.0.is_error: must be a boolean
            {'model':'m','messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':7}]}]} | messages.0.content.0.content: must be a string or an array of content blocks
            {'model':'m','messages':[{'role':'user','content':[{'type':'tool_result','tool_use_id':'t','content':[{'type':'text'}]}]}]} | messages.0.content.0.content.0.text: Field required
            {'model':'m','messages':[{'role':'user','content':[{'type':'tool_reference'}]}]} | messages.0.content.0.tool_name: Field required
            {'model':'m','messages':[HI],'max_tokens':'many'}                     | max_tokens: must be an integer
            {'model':'m','messages':[HI],'max_tokens':1.5}                        | max_tokens: must be an integer
            {'model':'m','messages':[HI],'max_tokens':-1}                         | max_tokens: must be greater than or equal to 0
            {'model':'m','messages':[HI],'max_tokens':99999999999}                | max_tokens: is out of range
            {'model':'m','messages':[HI],'temperature':'hot'}                     | temperature: must be a number
            {'model':'m','messages':[HI],'top_p':true}                            | top_p: must be a number
            {'model':'m','messages':[HI],'top_k':0.5}                             | top_k: must be an integer
            {'model':'m','messages':[HI],'stream':'yes'}                          | stream: must be a boolean
            {'model':'m','messages':[HI],'stop_sequences':'END'}                  | stop_sequences: must be an array
            {'model':'m','messages':[HI],'stop_sequences':['END',5]}              | stop_sequences.1: must be a string
            {'model':'m','messages':[HI],'system':5}                              | system: must be a string or an array of text blocks
            {'model':'m','messages':[HI],'system':[{'type':'text'}]}              | system.0.text: Field required
            {'model':'m','messages':[HI],'system':['text']}                       | system.0: must be an object
            {'model':'m','messages':[HI],'tools':{}}                              | tools: must be an array
            {'model':'m','messages':[HI],'tools':[{'input_schema':{}}]}           | tools.0.name: Field required
            {'model':'m','messages':[HI],'tools':[{'name':'a','input_schema':'{}'}]} | tools.0.input_schema: must be an object
            {'model':'m','messages':[HI],'tools':[{'name':'a','input_schema':{},'defer_loading':'yes'}]} | tools.0.defer_loading: must be a boolean
            {'model':'m','messages':[HI],'tool_choice':'auto'}                    | tool_choice: must be an object
            {'model':'m','messages':[HI],'tool_choice':{}}                        | tool_choice.type: Field required
            {'model':'m','messages':[HI],'tool_choice':{'type':'tool'}}           | tool_choice.name: Field required
            {'model':'m','messages':[HI],'thinking':{'type':'enabled','budget_tokens':'lots'}} | thinking.budget_tokens: must be an integer
            {'model':'m','messages':[HI],'thinking':{}}                           | thinking.type: Field required
            {'model':'m','messages':[HI],'output_config':{'effort':3}}            | output_config.effort: must be a string
            {'model':'m','messages':[HI],'output_config':{'format':'json'}}       | output_config.format: must be an object
            {'model':'m','messages':[HI],'metadata':{'user_id':42}}               | metadata.user_id: must be a string
            """)
    void failsNamingThePath(String body, String message) {
        String json = body.replace("HI", HI).replace('\'', '"');

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> MessagesRequestReader.read(Json.parse(json), 4096));

        assertEquals(message, e.getMessage());
    }
}
