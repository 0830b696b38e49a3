package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.RequestQuirk;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites tool parameter schemas for upstreams that accept only a subset of JSON Schema: Gemini's OpenAI
 * endpoint answers 400 "Invalid JSON payload received. Unknown name \"propertyNames\"" for keywords outside its
 * subset, and Claude Code's built-in tools use {@code $schema}, {@code propertyNames}, {@code exclusiveMinimum},
 * {@code format}, {@code additionalProperties} and {@code allOf}; MCP tools add {@code anyOf} with a null branch,
 * {@code const} and {@code $ref}.
 *
 * <p>Walks the schema by position (a property <em>named</em> {@code format} is a property, not a keyword), keeps the
 * subset, inlines local {@code $ref}s (a recursive one once, its repeat described in words), turns {@code const}
 * into a one-value {@code enum} and a null type or null branch into {@code nullable}, and writes every constraint
 * it has to drop into the node's {@code description} (a lone non-null {@code anyOf} branch's description
 * included), so the model still sees it.
 *
 * <p>Gate: upstreams whose capabilities declare {@link dev.ccbridge.api.SchemaDialect#RESTRICTED}.
 */
public final class SchemaSanitizer implements RequestQuirk {

    private static final Set<String> KEPT = Set.of("type", "description", "enum", "properties", "required", "items",
            "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "anyOf", "nullable",
            "title");
    private static final Set<String> SILENT = Set.of("$schema", "$id", "$comment", "examples", "$defs",
            "definitions");

    @Override
    public String name() {
        return "schema-sanitizer";
    }

    @Override
    public void apply(OutboundRequest request) {
        if (request.body().get("response_format") instanceof JsonObject format
                && format.get("json_schema") instanceof JsonObject jsonSchema
                && jsonSchema.get("schema") instanceof JsonObject schema) {
            request.body(Json.createObjectBuilder(request.body()).add("response_format",
                    Json.createObjectBuilder(format).add("json_schema",
                            Json.createObjectBuilder(jsonSchema).add("schema", sanitize(schema)))).build());
        }
        if (!(request.body().get("tools") instanceof JsonArray tools)) {
            return;
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonValue tool : tools) {
            if (tool instanceof JsonObject t && t.get("function") instanceof JsonObject function
                    && function.get("parameters") instanceof JsonObject parameters) {
                JsonObject sanitized = sanitize(parameters);
                out.add(Json.createObjectBuilder(t).add("function",
                        Json.createObjectBuilder(function).add("parameters", sanitized)));
            } else {
                out.add(tool);
            }
        }
        request.body(Json.createObjectBuilder(request.body()).add("tools", out).build());
    }

    /**
     * @param schema a JSON Schema
     * @return the schema in the restricted subset, with dropped constraints described in text
     */
    public static JsonObject sanitize(JsonObject schema) {
        return node(schema, schema, List.of());
    }

    /**
     * @param schema    one schema node
     * @param root      the whole schema, for local {@code $ref}s
     * @param expanding the refs being inlined on the way to this node; a repeat is recursion, which is described
     *                  instead of inlined again
     */
    private static JsonObject node(JsonObject schema, JsonObject root, List<String> expanding) {
        if (schema.get("$ref") instanceof JsonString ref) {
            JsonObject target = resolve(ref.getString(), root);
            if (target != null) {
                return expanding.contains(ref.getString()) ? recursion(schema, target, ref.getString())
                        : node(inline(schema, target), root, with(expanding, ref.getString()));
            }
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        List<String> dropped = new ArrayList<>();
        String description = schema.getString("description", "");
        boolean nullable = false;
        for (Map.Entry<String, JsonValue> entry : schema.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            switch (key) {
                case "description" -> {
                }
                case "type" -> {
                    if (value instanceof JsonArray types) {
                        List<String> named = types.stream().filter(t -> t instanceof JsonString)
                                .map(t -> ((JsonString) t).getString()).toList();
                        nullable |= named.contains("null");
                        List<String> rest = named.stream().filter(t -> !t.equals("null")).toList();
                        if (rest.size() == 1) {
                            out.add("type", rest.getFirst());
                        } else if (!rest.isEmpty()) {
                            dropped.add("type one of " + String.join(", ", rest));
                        }
                    } else {
                        out.add("type", value);
                    }
                }
                case "properties" -> {
                    if (value instanceof JsonObject properties) {
                        JsonObjectBuilder kept = Json.createObjectBuilder();
                        properties.forEach((name, sub) -> kept.add(name,
                                sub instanceof JsonObject s ? node(s, root, expanding) : sub));
                        out.add("properties", kept);
                    }
                }
                case "items" -> {
                    if (value instanceof JsonObject items) {
                        out.add("items", node(items, root, expanding));
                    } else {
                        dropped.add("items " + value);
                    }
                }
                case "anyOf", "oneOf" -> {
                    List<JsonObject> branches = new ArrayList<>();
                    if (value instanceof JsonArray array) {
                        for (JsonValue branch : array) {
                            if (branch instanceof JsonObject b) {
                                if ("null".equals(b.getString("type", ""))) {
                                    nullable = true;
                                } else {
                                    branches.add(node(b, root, expanding));
                                }
                            }
                        }
                    }
                    if (branches.size() == 1) {
                        JsonObject only = branches.getFirst();
                        description = joined(description, only.getString("description", ""));
                        only.forEach((k, v) -> {
                            if (!k.equals("description") && !schema.containsKey(k)) {
                                out.add(k, v);
                            }
                        });
                    } else if (!branches.isEmpty()) {
                        JsonArrayBuilder any = Json.createArrayBuilder();
                        branches.forEach(any::add);
                        out.add("anyOf", any);
                        if (key.equals("oneOf")) {
                            dropped.add("exactly one of the alternatives");
                        }
                    }
                }
                case "const" -> out.add("enum", Json.createArrayBuilder().add(value));
                case "exclusiveMinimum" -> dropped.add("must be greater than " + number(value));
                case "exclusiveMaximum" -> dropped.add("must be less than " + number(value));
                case "additionalProperties" -> {
                    if (value.getValueType() == JsonValue.ValueType.FALSE) {
                        dropped.add("no properties other than those listed");
                    } else if (value instanceof JsonObject extra) {
                        dropped.add("other properties must match " + extra);
                    }
                }
                case "default" -> dropped.add("default " + value);
                case "format" -> dropped.add("format " + text(value));
                case "propertyNames" -> dropped.add("property names must match " + value);
                case "uniqueItems" -> {
                    if (value.getValueType() == JsonValue.ValueType.TRUE) {
                        dropped.add("items must be unique");
                    }
                }
                case "allOf" -> dropped.add("must match all of " + value);
                case "not" -> dropped.add("must not match " + value);
                default -> {
                    if (KEPT.contains(key)) {
                        out.add(key, value);
                    } else if (!SILENT.contains(key)) {
                        dropped.add(key + " " + text(value));
                    }
                }
            }
        }
        if (nullable) {
            out.add("nullable", true);
        }
        String text = joined(description, dropped.isEmpty() ? "" : "(" + String.join("; ", dropped) + ")");
        if (!text.isEmpty()) {
            out.add("description", text);
        }
        return out.build();
    }

    /** The ref's target with the referring node's other keywords (its description, say) on top. */
    private static JsonObject inline(JsonObject schema, JsonObject target) {
        JsonObjectBuilder merged = Json.createObjectBuilder(target);
        schema.forEach((key, value) -> {
            if (!key.equals("$ref")) {
                merged.add(key, value);
            }
        });
        return merged.build();
    }

    /** A node that repeats an enclosing one: its type, and in words what it repeats. */
    private static JsonObject recursion(JsonObject schema, JsonObject target, String ref) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        if (target.get("type") instanceof JsonString type) {
            out.add("type", type);
        }
        return out.add("description", joined(schema.getString("description", ""),
                "(the same schema as " + ref + ", recursively)")).build();
    }

    private static List<String> with(List<String> refs, String ref) {
        List<String> out = new ArrayList<>(refs);
        out.add(ref);
        return List.copyOf(out);
    }

    private static String joined(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + " " + second;
    }

    private static JsonObject resolve(String ref, JsonObject root) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonValue current = root;
        for (String part : ref.substring(2).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                return null;
            }
            current = object.get(key);
        }
        return current instanceof JsonObject target ? target : null;
    }

    private static String number(JsonValue value) {
        return value instanceof JsonNumber n ? n.toString() : text(value);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
