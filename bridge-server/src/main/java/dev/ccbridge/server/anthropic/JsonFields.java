package dev.ccbridge.server.anthropic;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Typed reads of request fields that fail with the field's path when the type is wrong. */
final class JsonFields {

    private JsonFields() {
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String path(String parent, int index) {
        return parent.isEmpty() ? Integer.toString(index) : parent + "." + index;
    }

    static boolean present(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    static String requireString(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException(path(parent, field), "Field required");
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidRequestException(path(parent, field), "must be a string");
        }
        return s.getString();
    }

    static String optionalString(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidRequestException(path(parent, field), "must be a string");
        }
        return s.getString();
    }

    static JsonObject requireObject(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException(path(parent, field), "Field required");
        }
        return asObject(value, path(parent, field));
    }

    static JsonObject optionalObject(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return asObject(value, path(parent, field));
    }

    static JsonObject asObject(JsonValue value, String path) {
        if (!(value instanceof JsonObject o)) {
            throw new InvalidRequestException(path, "must be an object");
        }
        return o;
    }

    static JsonArray optionalArray(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray a)) {
            throw new InvalidRequestException(path(parent, field), "must be an array");
        }
        return a;
    }

    static Double optionalNumber(JsonObject object, String field, String parent, double min, double max) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber n)) {
            throw new InvalidRequestException(path(parent, field), "must be a number");
        }
        double number = n.doubleValue();
        if (!(number >= min && number <= max)) {
            throw new InvalidRequestException(path(parent, field), "must be between " + bound(min) + " and "
                    + bound(max));
        }
        return number;
    }

    private static String bound(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static Integer optionalInt(JsonObject object, String field, String parent) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidRequestException(path(parent, field), "must be an integer");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequestException(path(parent, field), "is out of range");
        }
    }

    static boolean optionalBoolean(JsonObject object, String field, String parent, boolean defaultValue) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return defaultValue;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidRequestException(path(parent, field), "must be a boolean");
    }
}
