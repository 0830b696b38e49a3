package dev.ccbridge.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * Standard OpenAI chat/completions traffic, shaped like OpenAI's own recordings (gpt-4o: a role chunk, text, two
 * tool calls streamed in pieces with {@code index}, a finish chunk, a {@code choices:[]} usage chunk and
 * {@code [DONE]}), and the request the translation engine sends for a typical Claude Code turn.
 */
public final class OpenAiWire {

    /** A Claude Code tool schema as Claude Code sends it: draft 2020-12 keywords included. */
    public static final String READ_TOOL_SCHEMA = """
            {'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',
             'properties':{'file_path':{'type':'string','description':'The absolute path to the file to read'},
                           'offset':{'type':'integer','exclusiveMinimum':0,'maximum':9007199254740991,
                                     'description':'The line number to start reading from'},
                           'limit':{'type':'integer','exclusiveMinimum':0,'maximum':9007199254740991}},
             'required':['file_path'],'additionalProperties':false}""";

    private OpenAiWire() {
    }

    /**
     * @param model the model the chunks name
     * @return a standard stream, as the upstream event reader produces it
     */
    public static List<UpstreamEvent> standardStream(String model) {
        return List.of(
                chunk(model, "{'index':0,'delta':{'role':'assistant','content':'','refusal':null},"
                        + "'logprobs':null,'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'content':'Let me read both files.'},'logprobs':null,"
                        + "'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_Ab12Cd34Ef56Gh78',"
                        + "'type':'function','function':{'name':'Read','arguments':''}}]},'logprobs':null,"
                        + "'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'tool_calls':[{'index':0,'function':{'arguments':"
                        + "'{\\'file_path\\':'}}]},'logprobs':null,'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'tool_calls':[{'index':0,'function':{'arguments':"
                        + "'\\'/src/A.java\\'}'}}]},'logprobs':null,'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'tool_calls':[{'index':1,'id':'call_Ij90Kl12Mn34Op56',"
                        + "'type':'function','function':{'name':'Read','arguments':''}}]},'logprobs':null,"
                        + "'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{'tool_calls':[{'index':1,'function':{'arguments':"
                        + "'{\\'file_path\\':\\'/src/B.java\\'}'}}]},'logprobs':null,'finish_reason':null}"),
                chunk(model, "{'index':0,'delta':{},'logprobs':null,'finish_reason':'tool_calls'}"),
                new UpstreamEvent.Data(JsonText.object("{'id':'chatcmpl-C0nformance','object':'chat.completion.chunk',"
                        + "'created':1767225600,'model':'" + model + "','system_fingerprint':'fp_0a1b2c3d4e',"
                        + "'choices':[],'usage':{'prompt_tokens':1200,'completion_tokens':64,'total_tokens':1264,"
                        + "'prompt_tokens_details':{'cached_tokens':1024,'audio_tokens':0},"
                        + "'completion_tokens_details':{'reasoning_tokens':0,'audio_tokens':0,"
                        + "'accepted_prediction_tokens':0,'rejected_prediction_tokens':0}}}")),
                new UpstreamEvent.Done());
    }

    /**
     * @param model the model the completion names
     * @return a standard non-streamed completion with text and a tool call
     */
    public static JsonObject standardCompletion(String model) {
        return JsonText.object("{'id':'chatcmpl-C0nformance','object':'chat.completion','created':1767225600,"
                + "'model':'" + model + "','choices':[{'index':0,'message':{'role':'assistant',"
                + "'content':'Let me read the file.','refusal':null,'annotations':[],'tool_calls':[{'id':"
                + "'call_Ab12Cd34Ef56Gh78','type':'function','function':{'name':'Read','arguments':"
                + "'{\\'file_path\\':\\'/src/A.java\\'}'}}]},'logprobs':null,'finish_reason':'tool_calls'}],"
                + "'usage':{'prompt_tokens':1200,'completion_tokens':31,'total_tokens':1231,"
                + "'prompt_tokens_details':{'cached_tokens':0,'audio_tokens':0},"
                + "'completion_tokens_details':{'reasoning_tokens':0,'audio_tokens':0,"
                + "'accepted_prediction_tokens':0,'rejected_prediction_tokens':0}},"
                + "'service_tier':'default','system_fingerprint':'fp_0a1b2c3d4e'}");
    }

    /**
     * The request the engine sends for a Claude Code turn that continues after a tool result: system prompt,
     * user text, an assistant tool call with its Anthropic id, the tool result, and more user text, with a Claude
     * Code tool. Optional fields appear only where the capabilities accept them, as the engine does.
     *
     * @param model        the upstream model
     * @param capabilities what the model accepts
     * @return the request body
     */
    public static JsonObject typicalRequest(String model, Capabilities capabilities) {
        JsonObjectBuilder body = Json.createObjectBuilder(JsonText.object("""
                {'model':'%s',
                 'messages':[
                   {'role':'system','content':'You are Claude Code, an interactive CLI tool.'},
                   {'role':'user','content':[{'type':'text','text':'What does A.java do?'}]},
                   {'role':'assistant','content':null,'tool_calls':[{'id':'toolu_01A09q90qw90lq917835lq9',
                     'type':'function','function':{'name':'Read','arguments':'{\\'file_path\\':\\'/src/A.java\\'}'}}]},
                   {'role':'tool','tool_call_id':'toolu_01A09q90qw90lq917835lq9','content':'class A {}'},
                   {'role':'user','content':'Tool loaded.'}],
                 'tools':[{'type':'function','function':{'name':'Read','description':'Reads a file',
                   'parameters':%s}}]}""".formatted(model, READ_TOOL_SCHEMA)));
        int limit = capabilities.maxOutputTokens() > 0 ? Math.min(32000, capabilities.maxOutputTokens()) : 32000;
        body.add(capabilities.tokenLimitField().field(), limit);
        if (capabilities.supports(Feature.TOOL_CHOICE)) {
            body.add("tool_choice", "auto");
        }
        if (capabilities.supports(Feature.PARALLEL_TOOL_CALLS)) {
            body.add("parallel_tool_calls", false);
        }
        if (capabilities.supports(Feature.SAMPLING)) {
            body.add("temperature", 1);
        }
        if (capabilities.supports(Feature.STOP_SEQUENCES)) {
            body.add("stop", Json.createArrayBuilder().add("</done>"));
        }
        switch (capabilities.reasoningDialect()) {
            case REASONING_EFFORT -> body.add("reasoning_effort", "medium");
            case REASONING_OBJECT -> body.add("reasoning", Json.createObjectBuilder().add("effort", "medium"));
            case THINKING_TOGGLE -> body.add("thinking", Json.createObjectBuilder().add("type", "enabled"));
            default -> {
            }
        }
        body.add("stream", true);
        if (capabilities.supports(Feature.STREAM_USAGE)) {
            body.add("stream_options", Json.createObjectBuilder().add("include_usage", true));
        }
        return body.build();
    }

    private static UpstreamEvent chunk(String model, String choice) {
        return new UpstreamEvent.Data(JsonText.object("{'id':'chatcmpl-C0nformance','object':'chat.completion.chunk',"
                + "'created':1767225600,'model':'" + model + "','system_fingerprint':'fp_0a1b2c3d4e',"
                + "'choices':[" + choice + "],'usage':null}"));
    }
}
