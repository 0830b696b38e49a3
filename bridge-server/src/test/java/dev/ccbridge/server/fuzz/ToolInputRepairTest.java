package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.SseEvent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The stream fuzzer found tool_use blocks whose {@code input_json_delta}s did not add up to a JSON object, which
 * makes Anthropic's SDKs fail the whole stream. Each case here is an upstream tool call that is not one JSON
 * object, relayed through {@link StreamPipeline}, with the exact input the client gets. Pieces are separated by
 * {@code |}; {@code ⏎} stands for a raw newline, {@code ␠} for a space.
 */
class ToolInputRepairTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            # what went wrong                 ; upstream pieces                 ; finish      ; client input
            cut inside a string               ; {"command":"ls -l               ; length      ; {"command":"ls -l"}
            cut after a key                   ; {"a":1,"b                       ; length      ; {"a":1,"b":null}
            cut after a colon                 ; {"a":                           ; length      ; {"a":null}
            cut inside a number               ; {"n":-|                         ; length      ; {"n":-0}
            cut after a decimal point         ; {"n":1.                         ; length      ; {"n":1.0}
            cut inside a literal              ; {"t":tr                         ; length      ; {"t":true}
            cut inside an escape              ; {"p":"C:\\                      ; length      ; {"p":"C:\\\\"}
            cut inside a unicode escape       ; {"s":"\\u00                     ; length      ; {"s":"\\u0000"}
            cut in nested containers          ; {"a":[1,{"b":"x                 ; length      ; {"a":[1,{"b":"x"}]}
            a comma ends a piece              ; {"a":1,|"b":2}                  ; tool_calls  ; {"a":1,"b":2}
            a comma ends the arguments        ; {"a":1,                         ; tool_calls  ; {"a":1}
            the object repeated               ; {"a":1}|{"a":1}                 ; tool_calls  ; {"a":1}
            text after the object             ; {"a":1} trailing                ; tool_calls  ; {"a":1}
            not an object                     ; ls -la /tmp                     ; tool_calls  ; {"_raw_arguments":"ls -la /tmp"}
            an array                          ; [1,|2]                          ; tool_calls  ; {"_raw_arguments":"[1,2]"}
            quotes in raw arguments           ; say "hi"                        ; tool_calls  ; {"_raw_arguments":"say \\"hi\\""}
            a raw newline in a string         ; {"text":"one⏎two"}              ; tool_calls  ; {"text":"one\\ntwo"}
            a backslash that escapes nothing  ; {"re":"\\d+"}                   ; tool_calls  ; {"re":"\\\\d+"}
            a broken value                    ; {"a":1,"b":x,"c":3}             ; tool_calls  ; {"a":1,"b":null}
            leading whitespace                ; ␠|␠{"a":1}                      ; tool_calls  ; {"a":1}
            an exponent past nine digits      ; {"n":1e1234567890}              ; tool_calls  ; {"n":1e123456789}
            an already valid object           ; {"file_path":|"/tmp/a.txt"}     ; tool_calls  ; {"file_path":"/tmp/a.txt"}
            """)
    void theClientAlwaysGetsOneJsonObject(String problem, String pieces, String finish, String expected) {
        OpenAiSse sse = OpenAiSse.stream();
        String[] parts = pieces.replace('⏎', '\n').replace('␠', ' ').split("\\|", -1);
        sse.toolCall(0, "call_1", "Bash", parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sse.toolArguments(0, parts[i]);
        }
        byte[] body = sse.finish(finish).done().getBytes(StandardCharsets.UTF_8);

        StreamPipeline.Outcome outcome = StreamPipeline.run(body, new int[] {body.length}, -1,
                GenericUpstreams.adapter("openai-compatible").chunkQuirks(GenericUpstreams.MODEL));

        StreamPipeline.check(outcome);
        List<SseEvent> events = SseEvent.parse(assertInstanceOf(StreamPipeline.Streamed.class, outcome).sse());
        StringBuilder input = new StringBuilder();
        for (SseEvent event : events) {
            if (event.type().equals("content_block_delta")
                    && event.data().getJsonObject("delta").getString("type").equals("input_json_delta")) {
                input.append(event.data().getJsonObject("delta").getString("partial_json"));
            }
        }
        assertEquals(expected, input.toString(), problem);
        Json.parseObject(input.toString());
    }
}
