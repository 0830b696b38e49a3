package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.JsonText;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JoyTokenCatalogTest {

    private final JoyTokenCatalog catalog =
            new JoyTokenCatalog(URI.create("https://api-dev.joytokens.ai/api/v1/models"));

    @Test
    void readsAListUnderData() {
        assertEquals(List.of(new CatalogModel("openai/gpt-4o-mini", 128000, 16384),
                        new CatalogModel("deepseek/deepseek-chat", 0, 0)),
                catalog.read(JsonText.object("{'data':[{'key':'openai/gpt-4o-mini','context_window':128000,"
                        + "'max_output_tokens':16384},{'model_key':'deepseek/deepseek-chat'}]}")));
    }

    @Test
    void readsAListUnderModels() {
        assertEquals(List.of(new CatalogModel("auto", 0, 0), new CatalogModel("anthropic/claude-sonnet-4", 200000,
                        64000)),
                catalog.read(JsonText.object("{'models':[{'id':'auto'},{'name':'anthropic/claude-sonnet-4',"
                        + "'context_length':200000,'max_tokens':64000}]}")));
    }

    @Test
    void readsATopLevelArrayOfObjectsOrStrings() {
        assertEquals(List.of(new CatalogModel("auto", 0, 0), new CatalogModel("qwen/qwen3-coder", 0, 0)),
                catalog.read(JsonText.array("['auto',{'key':'qwen/qwen3-coder'}]")));
    }

    @Test
    void theFirstNonBlankKeyFieldWins() {
        assertEquals(List.of(new CatalogModel("by-key", 0, 0), new CatalogModel("by-id", 0, 0)),
                catalog.read(JsonText.array("[{'key':'by-key','model_key':'mk','id':'i','name':'n'},"
                        + "{'key':' ','model_key':'','id':'by-id','name':'n'}]")));
    }

    @Test
    void entriesWithoutAKeyAndOtherShapesAreSkipped() {
        assertEquals(List.of(), catalog.read(JsonText.array("[{'display':'no key'},42,null]")));
        assertEquals(List.of(), catalog.read(JsonText.object("{'data':{'auto':{}}}")));
        assertEquals(List.of(), catalog.read(JsonText.object("{}")));
    }
}
