package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.JsonText;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JoyTokenGovernanceTest {

    private static final Map<String, List<String>> HEADERS = Map.of(
            "content-type", List.of("application/json"),
            "x-daoe-used-model", List.of("openai/gpt-4o-mini"),
            "x-daoe-used-provider", List.of("openai"),
            "x-request-id", List.of("req_7f3a9c2e"));

    @Test
    void governanceHeadersGoBackToTheClientAndIntoTheReport() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onResponseHeaders(200, HEADERS);
        assertEquals(Map.of("x-joytoken-used-model", "openai/gpt-4o-mini", "x-joytoken-used-provider", "openai",
                "x-joytoken-request-id", "req_7f3a9c2e"), governance.clientHeaders());
        assertEquals(Map.of("used_model", "openai/gpt-4o-mini", "used_provider", "openai",
                "upstream_request_id", "req_7f3a9c2e"), governance.report());
    }

    @Test
    void missingOrBlankHeadersAreLeftOut() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onResponseHeaders(200, Map.of("x-daoe-used-model", List.of(" "), "x-daoe-used-provider",
                List.of()));
        assertEquals(Map.of(), governance.clientHeaders());
        assertEquals(Map.of(), governance.report());
    }

    @Test
    void completionMetadataIsReported() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onResponseHeaders(200, HEADERS);
        governance.onCompletion(JsonText.object("""
                {'id':'chatcmpl-joy1','object':'chat.completion','model':'openai/gpt-4o-mini',
                 'choices':[{'index':0,'message':{'role':'assistant','content':'Hello'},'finish_reason':'stop'}],
                 'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15},
                 'metadata':{'tier':'standard',
                   'billing':{'credits':0.0042,'tokens':15,'cost':'0.000021','currency':'USD'},
                   'latency':{'routing_ms':12,'first_token_ms':340,'stream_ms':910}}}"""));
        Map<String, String> report = governance.report();
        assertEquals("standard", report.get("tier"));
        assertEquals("0.0042", report.get("credits"));
        assertEquals("15", report.get("billed_tokens"));
        assertEquals("0.000021", report.get("cost"));
        assertEquals("USD", report.get("currency"));
        assertEquals("12", report.get("latency_routing_ms"));
        assertEquals("340", report.get("latency_first_token_ms"));
        assertEquals("910", report.get("latency_stream_ms"));
        assertEquals("openai/gpt-4o-mini", report.get("used_model"));
        assertEquals(Map.of("x-joytoken-used-model", "openai/gpt-4o-mini", "x-joytoken-used-provider", "openai",
                "x-joytoken-request-id", "req_7f3a9c2e"), governance.clientHeaders());
    }

    @Test
    void streamMetadataIsReportedFromTheChunkThatCarriesIt() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onResponseHeaders(200, HEADERS);
        governance.onChunk(JsonText.object("{'id':'c','object':'chat.completion.chunk','choices':[{'index':0,"
                + "'delta':{'content':'Hi'},'finish_reason':null}]}"));
        governance.onChunk(JsonText.object("{'id':'c','object':'chat.completion.chunk','choices':[],"
                + "'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15},"
                + "'metadata':{'tier':'economy','billing':{'credits':1,'tokens':15,'cost':0.00002},"
                + "'latency':{'first_token_ms':280}}}"));
        Map<String, String> report = governance.report();
        assertEquals("economy", report.get("tier"));
        assertEquals("1", report.get("credits"));
        assertEquals("15", report.get("billed_tokens"));
        assertEquals("0.00002", report.get("cost"));
        assertEquals("280", report.get("latency_first_token_ms"));
    }

    @Test
    void aPlainLatencyNumberIsReportedToo() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onCompletion(JsonText.object("{'choices':[],'metadata':{'latency':1234}}"));
        assertEquals(Map.of("latency", "1234"), governance.report());
    }

    @Test
    void metadataNamingTheAnsweringModelAndProviderIsReported() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onChunk(JsonText.object("{'choices':[],'metadata':{'model':'deepseek/deepseek-chat',"
                + "'provider':'deepseek'}}"));
        assertEquals(Map.of("used_model", "deepseek/deepseek-chat", "used_provider", "deepseek"),
                governance.report());
    }

    @Test
    void chunksWithoutMetadataReportNothing() {
        JoyTokenGovernance governance = new JoyTokenGovernance();
        governance.onChunk(JsonText.object("{'choices':[{'index':0,'delta':{'content':'x'}}],'metadata':null}"));
        governance.onCompletion(JsonText.object("{'choices':[],'metadata':'n/a'}"));
        assertEquals(Map.of(), governance.report());
    }
}
