package dev.ccbridge.server.tokens;

import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local tokenizer: o200k counts of known strings, the framing of a chat request, the cache of long strings,
 * and image and PDF estimates read from real file headers (PNG, JPEG and GIF written by {@code javax.imageio},
 * WebP headers written by hand in its three variants).
 */
class TokenCounterTest {

    private static TokenCounter counter;

    @BeforeAll
    static void load() {
        counter = new TokenCounter();
    }

    @ParameterizedTest(name = "{1} tokens: {0}")
    @CsvSource(delimiter = '|', value = {
            "hello world|2",
            "Hello, world!|4",
            "The quick brown fox jumps over the lazy dog.|10",
            "こんにちは世界|2",
            "'    indented code'|4"})
    void knownStringsHaveTheirO200kCounts(String text, int tokens) {
        assertEquals(tokens, counter.count(text));
    }

    @Test
    void emptyTextIsZeroAndSpecialTokenTextIsOrdinaryText() {
        assertEquals(0, counter.count(""));
        assertTrue(counter.count("<|endoftext|> and <|im_start|>") > 4);
    }

    @Test
    void aRequestCountsItsMessagesToolsAndFraming() {
        JsonObject plain = Json.q("{'messages':[{'role':'user','content':'hello world'}]}");
        JsonObject twoMessages = Json.q("{'messages':[{'role':'system','content':'hello world'},"
                + "{'role':'user','content':'hello world'}]}");
        JsonObject withTool = Json.q("{'messages':[{'role':'user','content':'hello world'}],'tools':[{'type':"
                + "'function','function':{'name':'get_weather','description':'Current weather',"
                + "'parameters':{'type':'object'}}}]}");

        assertEquals(3 + 4 + 2, counter.countRequest(plain));
        assertEquals(3 + 2 * (4 + 2), counter.countRequest(twoMessages));
        int tool = 8 + counter.count("get_weather") + counter.count("Current weather")
                + 1 + counter.count("type") + 1 + counter.count("object") + 1;
        assertEquals(counter.countRequest(plain) + tool, counter.countRequest(withTool));
    }

    @Test
    void aToolSchemaCountsWithinAFewPercentOfItsWrittenText() {
        JsonObject schema = Json.q("{'type':'object','properties':{'command':{'type':'string','description':"
                + "'The command to execute'},'timeout':{'type':'number','description':'Optional timeout in "
                + "milliseconds (max 600000)'},'description':{'type':'string','description':'Clear, concise "
                + "description of what this command does in active voice. Never use words like complex or risk in "
                + "the description - just describe what it does.'},'run_in_background':{'type':'boolean',"
                + "'description':'Set to true to run this command in the background. Use Read to read the output "
                + "later.'},'options':{'type':'array','items':{'type':'string','enum':['a','b','c']}}},"
                + "'required':['command'],'additionalProperties':false,"
                + "'$schema':'http://json-schema.org/draft-07/schema#'}");
        JsonObject request = JsonFactories.BUILDERS.createObjectBuilder()
                .add("tools", JsonFactories.BUILDERS.createArrayBuilder().add(JsonFactories.BUILDERS
                        .createObjectBuilder().add("type", "function").add("function", JsonFactories.BUILDERS
                                .createObjectBuilder().add("name", "").add("parameters", schema))))
                .build();

        int written = counter.count(schema.toString());
        int counted = counter.countRequest(request) - 3 - 8;
        assertTrue(Math.abs(counted - written) <= written * 3 / 100, counted + " vs " + written);
    }

    @Test
    void toolCallsReasoningAndContentPartsAreCounted() {
        JsonObject request = Json.q("{'messages':[{'role':'assistant','content':null,"
                + "'reasoning_content':'hello world','tool_calls':[{'id':'call_1','type':'function',"
                + "'function':{'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]},"
                + "{'role':'user','content':[{'type':'text','text':'hello world'},"
                + "{'type':'text','text':'hello world'}]}]}");

        int expected = 3 + 4 + 2 + 4 + counter.count("get_weather") + counter.count("{\"city\":\"Paris\"}")
                + 4 + 2 + 2;
        assertEquals(expected, counter.countRequest(request));
    }

    @Test
    void longStringsAreCachedAndShortOnesAreNot() {
        TokenCounter fresh = new TokenCounter();
        String longText = "A long system prompt that Claude Code resends on every turn. ".repeat(20);

        int first = fresh.count("abc");
        assertEquals(0, fresh.cachedStrings());
        int once = fresh.count(longText);
        int again = fresh.count(new String(longText.toCharArray()));
        assertEquals(1, fresh.cachedStrings());
        assertEquals(once, again);
        assertEquals(counter.count(longText), once);
        fresh.count(longText + " And one more sentence.");
        assertEquals(2, fresh.cachedStrings());
        assertEquals(1, first);
    }

    @Test
    void concurrentCountsAgreeWithSequentialOnes() throws Exception {
        TokenCounter shared = new TokenCounter();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add(("Document " + i + " talks about topic " + (i % 7) + ". ").repeat(30));
        }
        List<Integer> sequential = texts.stream().map(counter::count).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String text : texts) {
                    results.add(pool.submit(() -> shared.count(text)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(sequential.get(i % texts.size()), results.get(i).get());
            }
        }
        assertEquals(texts.size(), shared.cachedStrings());
    }

    // ---- images and documents ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}")
    @CsvSource({
            "png, 800, 600, 640",
            "png, 1, 1, 1",
            "png, 3136, 1568, 1640",
            "jpeg, 200, 100, 27",
            "gif, 64, 48, 5"})
    void imageTokensComeFromTheImagesOwnHeader(String format, int width, int height, int tokens) {
        byte[] image = imageio(format, width, height, false);

        assertArrayEquals(new int[] {width, height}, ImageTokens.size(image));
        assertEquals(tokens, ImageTokens.estimate(dataUrl("image/" + format, image)));
    }

    @Test
    void progressiveJpegSizeIsReadFromItsFrameHeader() {
        byte[] image = imageio("jpeg", 300, 200, true);

        assertArrayEquals(new int[] {300, 200}, ImageTokens.size(image));
        assertEquals(80, ImageTokens.estimate(dataUrl("image/jpeg", image)));
    }

    @Test
    void webpSizeIsReadFromEachOfItsThreeHeaders() {
        assertArrayEquals(new int[] {1024, 768}, ImageTokens.size(webpLossy(1024, 768)));
        assertArrayEquals(new int[] {400, 300}, ImageTokens.size(webpLossless(400, 300)));
        assertArrayEquals(new int[] {2000, 1000}, ImageTokens.size(webpExtended(2000, 1000)));
        assertEquals(1049, ImageTokens.estimate(dataUrl("image/webp", webpLossy(1024, 768))));
        assertEquals(160, ImageTokens.estimate(dataUrl("image/webp", webpLossless(400, 300))));
        assertEquals(1640, ImageTokens.estimate(dataUrl("image/webp", webpExtended(2000, 1000))));
    }

    @Test
    void imagesWhoseSizeCannotBeReadCountAsLarge() {
        assertEquals(ImageTokens.UNKNOWN, ImageTokens.estimate("https://example.test/cat.png"));
        assertEquals(ImageTokens.UNKNOWN, ImageTokens.estimate("data:image/png;base64,@@not base64@@"));
        assertEquals(ImageTokens.UNKNOWN, ImageTokens.estimate(dataUrl("image/png",
                "not an image at all, just text".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aRequestCountsImagePartsByTheirSizeAndPdfsByTheirLength() {
        String png = dataUrl("image/png", imageio("png", 800, 600, false));
        String pdf = "data:application/pdf;base64," + Base64.getEncoder().encodeToString(new byte[4000]);
        JsonObject text = Json.q("{'messages':[{'role':'user','content':[{'type':'text','text':'hello world'}]}]}");
        JsonObject withImage = Json.q("{'messages':[{'role':'user','content':[{'type':'text','text':'hello world'},"
                + "{'type':'image_url','image_url':{'url':'" + png + "'}}]}]}");
        JsonObject withPdf = Json.q("{'messages':[{'role':'user','content':[{'type':'text','text':'hello world'},"
                + "{'type':'file','file':{'filename':'a.pdf','file_data':'" + pdf + "'}}]}]}");

        assertEquals(counter.countRequest(text) + 640, counter.countRequest(withImage));
        assertEquals(counter.countRequest(text) + 4000 / 40, counter.countRequest(withPdf));
    }

    private static String dataUrl(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] imageio(String format, int width, int height, boolean progressive) {
        BufferedImage image = new BufferedImage(width, height,
                format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** RIFF header, then a chunk of the given kind whose first bytes the caller fills in. */
    private static ByteBuffer webp(String chunk) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(32).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(20);
        return b;
    }

    /** VP8: a frame tag, the start code 9d 01 2a, then 14-bit width and height. */
    private static byte[] webpLossy(int width, int height) {
        ByteBuffer b = webp("VP8 ");
        b.put(new byte[] {0x30, 0x01, 0x00, (byte) 0x9d, 0x01, 0x2a}).putShort((short) width).putShort((short) height);
        return b.array();
    }

    /** VP8L: the signature 0x2f, then width-1 and height-1 in 14 bits each. */
    private static byte[] webpLossless(int width, int height) {
        ByteBuffer b = webp("VP8L");
        b.put((byte) 0x2f).putInt((width - 1) | (height - 1) << 14);
        return b.array();
    }

    /** VP8X: flags, three reserved bytes, then canvas width-1 and height-1 in 24 bits each. */
    private static byte[] webpExtended(int width, int height) {
        ByteBuffer b = webp("VP8X");
        b.put(new byte[] {0, 0, 0, 0});
        b.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        b.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return b.array();
    }
}
