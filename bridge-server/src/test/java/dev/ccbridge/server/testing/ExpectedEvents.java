package dev.ccbridge.server.testing;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a bridge's output against an {@code .expected.txt} file of the upstream corpus: a Java port of the
 * corpus's {@code check_expected.py}, with the same grammar ({@code <event><q> <json subset pattern>},
 * {@code q} one of none/?/+/*, placeholders {@code <any>}, {@code <nonempty>}, {@code <int>}, {@code <absent>},
 * and {@code concat}/{@code concat_json} over runs).
 */
public final class ExpectedEvents {

    private record Line(int number, String event, char quantifier, JsonObject pattern, JsonObject concat,
                        JsonObject concatJson) {
    }

    private final List<Line> lines;

    private ExpectedEvents(List<Line> lines) {
        this.lines = lines;
    }

    /**
     * @param text the expected file's text
     * @return the expectation
     */
    public static ExpectedEvents parse(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int n = 0; n < raw.length; n++) {
            String line = raw[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String head = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            char q = "?+*".indexOf(head.charAt(head.length() - 1)) >= 0 ? head.charAt(head.length() - 1) : ' ';
            String event = q == ' ' ? head : head.substring(0, head.length() - 1);
            JsonObject pattern = rest.isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : Json.parseObject(rest);
            JsonObject concat = pattern.getJsonObject("concat");
            JsonObject concatJson = pattern.getJsonObject("concat_json");
            pattern = Json.parseObject(pattern.toString());
            if (concat != null || concatJson != null) {
                var builder = dev.ccbridge.server.json.JsonFactories.BUILDERS.createObjectBuilder(pattern);
                builder.remove("concat").remove("concat_json");
                pattern = builder.build();
            }
            lines.add(new Line(n + 1, event, q, pattern, concat, concatJson));
        }
        return new ExpectedEvents(lines);
    }

    /**
     * @param events the bridge's output
     * @throws AssertionError naming the first mismatch
     */
    public void check(List<SseEvent> events) {
        List<SseEvent> relevant = events.stream().filter(e -> !"ping".equals(e.event())).toList();
        for (SseEvent event : relevant) {
            if (!event.type().equals(event.event())) {
                throw new AssertionError("event " + event.event() + " has data.type " + event.type());
            }
        }
        int i = 0;
        for (Line line : lines) {
            switch (line.quantifier()) {
                case ' ' -> {
                    if (!matches(line, relevant, i)) {
                        throw new AssertionError("line " + line.number() + ": expected " + line.event() + " "
                                + line.pattern() + "; got " + (i < relevant.size() ? describe(relevant.get(i))
                                : "end of stream"));
                    }
                    i++;
                }
                case '?' -> {
                    if (matches(line, relevant, i)) {
                        i++;
                    }
                }
                default -> {
                    int start = i;
                    while (matches(line, relevant, i)) {
                        i++;
                    }
                    if (line.quantifier() == '+' && start == i) {
                        throw new AssertionError("line " + line.number() + ": expected one or more " + line.event()
                                + " " + line.pattern() + "; got " + (i < relevant.size() ? describe(relevant.get(i))
                                : "end of stream"));
                    }
                    checkConcat(line, relevant.subList(start, i));
                }
            }
        }
        if (i != relevant.size()) {
            throw new AssertionError("unexpected trailing events: " + relevant.subList(i, relevant.size()).stream()
                    .map(ExpectedEvents::describe).toList());
        }
    }

    private static void checkConcat(Line line, List<SseEvent> run) {
        if (line.concat() != null) {
            for (Map.Entry<String, JsonValue> entry : line.concat().entrySet()) {
                String joined = join(run, entry.getKey());
                String want = ((JsonString) entry.getValue()).getString();
                if (!joined.equals(want)) {
                    throw new AssertionError("line " + line.number() + ": concatenated " + entry.getKey() + " = '"
                            + joined + "', want '" + want + "'");
                }
            }
        }
        if (line.concatJson() != null) {
            for (Map.Entry<String, JsonValue> entry : line.concatJson().entrySet()) {
                String joined = join(run, entry.getKey());
                JsonValue have = joined.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : Json.parse(joined);
                if (!have.equals(entry.getValue())) {
                    throw new AssertionError("line " + line.number() + ": concatenated " + entry.getKey()
                            + " parses to " + have + ", want " + entry.getValue());
                }
            }
        }
    }

    private static String join(List<SseEvent> run, String field) {
        StringBuilder joined = new StringBuilder();
        for (SseEvent event : run) {
            JsonObject delta = event.data().getJsonObject("delta");
            if (delta != null && delta.get(field) instanceof JsonString s) {
                joined.append(s.getString());
            }
        }
        return joined.toString();
    }

    private static boolean matches(Line line, List<SseEvent> events, int i) {
        return i < events.size() && events.get(i).event().equals(line.event())
                && match(line.pattern(), events.get(i).data());
    }

    private static boolean match(JsonValue pattern, JsonValue value) {
        if (pattern instanceof JsonString s && s.getString().startsWith("<") && s.getString().endsWith(">")) {
            return switch (s.getString()) {
                case "<any>" -> true;
                case "<nonempty>" -> value instanceof JsonString v && !v.getString().isEmpty();
                case "<int>" -> value instanceof JsonNumber n && n.isIntegral();
                default -> pattern.equals(value);
            };
        }
        if (pattern instanceof JsonObject p) {
            if (!(value instanceof JsonObject v)) {
                return false;
            }
            for (Map.Entry<String, JsonValue> entry : p.entrySet()) {
                if (entry.getValue() instanceof JsonString s && s.getString().equals("<absent>")) {
                    if (v.containsKey(entry.getKey())) {
                        return false;
                    }
                    continue;
                }
                if (!v.containsKey(entry.getKey()) || !match(entry.getValue(), v.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (pattern instanceof JsonArray p) {
            if (!(value instanceof JsonArray v) || p.size() != v.size()) {
                return false;
            }
            for (int i = 0; i < p.size(); i++) {
                if (!match(p.get(i), v.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (pattern instanceof JsonNumber p && value instanceof JsonNumber v) {
            return p.bigDecimalValue().compareTo(v.bigDecimalValue()) == 0;
        }
        return pattern.equals(value);
    }

    private static String describe(SseEvent event) {
        String text = event.event() + " " + event.data();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
