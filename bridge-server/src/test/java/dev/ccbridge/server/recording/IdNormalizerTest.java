package dev.ccbridge.server.recording;

import dev.ccbridge.server.RandomIds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stable ids for recordings: what is replaced, with what, and how the count stays in step with a recording. */
class IdNormalizerTest {

    private static final String MSG = "msg_01AbCdEfGhIjKlMnOpQrStUv";
    private static final String REQ = "req_0123456789abcdefghijklmn";
    private static final String TOOL = "toolu_ZYXWVUTSRQPONMLKJIHGFEDC";

    @Test
    void eachGeneratedIdBecomesItsPrefixRecAndANumberInOrderOfFirstAppearance() {
        IdNormalizer normalizer = new IdNormalizer();

        String text = normalizer.normalize("{\"id\":\"" + MSG + "\",\"request\":\"" + REQ + "\",\"tool\":\"" + TOOL
                + "\",\"again\":\"" + MSG + "\"}");

        assertEquals("{\"id\":\"msg_rec0001\",\"request\":\"req_rec0002\",\"tool\":\"toolu_rec0003\","
                + "\"again\":\"msg_rec0001\"}", text);
    }

    @Test
    void theSameIdMapsToTheSameStableIdInEveryLaterText() {
        IdNormalizer normalizer = new IdNormalizer();
        normalizer.normalize("request-id: " + REQ);

        String later = normalizer.normalize("tool " + TOOL + " answered request " + REQ);

        assertEquals("tool toolu_rec0002 answered request req_rec0001", later);
    }

    @Test
    void idsOfRandomIdsAreAllRecognised() {
        RandomIds ids = new RandomIds();
        IdNormalizer normalizer = new IdNormalizer();

        for (String prefix : new String[] {"msg_", "req_", "toolu_"}) {
            String id = ids.next(prefix);
            assertEquals(prefix + "rec", normalizer.normalize(id).substring(0, prefix.length() + 3), id);
        }
    }

    @Test
    void otherTokensAreLeftAlone() {
        IdNormalizer normalizer = new IdNormalizer();
        String text = String.join(" ",
                "msg_01AbCdEfGhIjKlMnOpQrStU",          // 23 characters
                "msg_01AbCdEfGhIjKlMnOpQrStUvW",        // 25 characters
                "xmsg_01AbCdEfGhIjKlMnOpQrStUv",        // part of a longer word
                "call_01AbCdEfGhIjKlMnOpQrStUv",        // an upstream's tool call id
                "chatcmpl-01AbCdEfGhIjKlMnOpQrStUv",
                "msg_0001",                             // the test bridge's sequential ids
                "msg-01AbCdEfGhIjKlMnOpQrStUv");

        assertEquals(text, normalizer.normalize(text));
    }

    @Test
    void alreadyNormalisedIdsAdvanceTheCountSoNewIdsDoNotCollideWithThem() {
        IdNormalizer normalizer = new IdNormalizer();

        String recorded = normalizer.normalize("{\"tool_use_id\":\"toolu_rec0042\",\"earlier\":\"msg_rec0007\"}");
        String fresh = normalizer.normalize(MSG);
        String lower = normalizer.normalize("msg_rec0003 " + REQ);

        assertEquals("{\"tool_use_id\":\"toolu_rec0042\",\"earlier\":\"msg_rec0007\"}", recorded);
        assertEquals("msg_rec0043", fresh);
        assertEquals("msg_rec0003 req_rec0044", lower);
    }

    @Test
    void theCountGoesOnPastFourDigitsAndStillAdvances() {
        IdNormalizer normalizer = new IdNormalizer();
        normalizer.normalize("toolu_rec9999");

        String tenThousandth = normalizer.normalize(MSG);
        normalizer.normalize("msg_rec12345");
        String after = normalizer.normalize(REQ);

        assertEquals("msg_rec10000", tenThousandth);
        assertEquals("req_rec12346", after);
    }

    @Test
    void sessionsAreCountedApart() {
        IdNormalizer one = new IdNormalizer();
        IdNormalizer two = new IdNormalizer();
        one.normalize(MSG);

        assertEquals("toolu_rec0001", two.normalize(TOOL));
        assertEquals("toolu_rec0002", one.normalize(TOOL));
    }
}
