package dev.ccbridge.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The schema check the conformance test relies on accepts a valid request and rejects invalid ones. */
class ChatRequestSchemaTest {

    @Test
    void acceptsTheTypicalRequest() {
        assertDoesNotThrow(() -> ChatRequestSchema.check(
                OpenAiWire.typicalRequest("gpt-4o", Capabilities.builder().build())));
    }

    @Test
    void rejectsAToolMessageWithoutToolCallId() {
        assertThrows(AssertionError.class, () -> ChatRequestSchema.check(JsonText.object(
                "{'model':'m','messages':[{'role':'tool','content':'x'}]}")));
    }

    @Test
    void rejectsFiveStopSequences() {
        assertThrows(AssertionError.class, () -> ChatRequestSchema.check(JsonText.object(
                "{'model':'m','messages':[{'role':'user','content':'x'}],'stop':['a','b','c','d','e']}")));
    }

    @Test
    void rejectsAnUnknownToolChoice() {
        assertThrows(AssertionError.class, () -> ChatRequestSchema.check(JsonText.object(
                "{'model':'m','messages':[{'role':'user','content':'x'}],'tool_choice':'any'}")));
    }
}
