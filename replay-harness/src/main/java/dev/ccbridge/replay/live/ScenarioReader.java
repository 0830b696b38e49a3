package dev.ccbridge.replay.live;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads scenarios: every folder with a {@code scenario.json} (and its {@code script.json}) under a root. */
public final class ScenarioReader {

    private ScenarioReader() {
    }

    /**
     * @param root the scenarios folder
     * @return every scenario, sorted by name
     */
    public static List<Scenario> all(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("scenario.json"))).sorted()
                    .map(ScenarioReader::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + root, e);
        }
    }

    /**
     * @param dir a scenario folder
     * @return the scenario
     */
    public static Scenario read(Path dir) {
        JsonObject json;
        try (Reader in = Files.newBufferedReader(dir.resolve("scenario.json"), StandardCharsets.UTF_8);
             JsonReader reader = Json.createReader(in)) {
            json = reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject expect = json.getJsonObject("expect");
        JsonObject mcp = json.getJsonObject("mcp");
        return new Scenario(dir.getFileName().toString(), dir, json.getString("description", ""),
                json.getString("prompt"), strings(json.getJsonArray("args")), map(json.getJsonObject("files")),
                map(json.getJsonObject("binaryFiles")),
                mcp == null ? null : new Scenario.McpServer(mcp.getString("name"), mcp.getString("script")),
                new Scenario.Expectation(strings(expect.getJsonArray("result")), expect.getBoolean("isError", false),
                        map(expect.getJsonObject("files")), strings(expect.getJsonArray("absentFiles")),
                        expect.getInt("minTurns", 1)));
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (JsonValue value : array) {
                out.add(((JsonString) value).getString());
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> map(JsonObject object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null) {
            object.forEach((key, value) -> out.put(key, ((JsonString) value).getString()));
        }
        return out;
    }
}
