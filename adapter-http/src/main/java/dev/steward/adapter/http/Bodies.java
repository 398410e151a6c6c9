package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Strict reading of request bodies: a JSON object, only known fields, each of its type. */
public final class Bodies {
  private Bodies() {}

  /** The body as an object whose fields are all in {@code allowed} (OData annotations aside). */
  public static JsonObject object(RoutingContext ctx, Set<String> allowed) {
    String text = ctx.body() == null ? null : utf8(ctx.body().buffer());
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("body", "The request needs a JSON object body");
    }
    requireNoDuplicateKeys(text);
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw DomainException.invalid("body", "The request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject json)) {
      throw DomainException.invalid("body", "The request body must be a JSON object");
    }
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field) && !field.startsWith("@odata.")) {
        throw DomainException.invalid(field, "Unknown property '" + field + "'");
      }
    }
    return json;
  }

  /** A nested object whose fields are all in {@code allowed}; {@code path} names it in errors. */
  public static void only(JsonObject json, String path, Set<String> allowed) {
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field) && !field.startsWith("@odata.")) {
        throw DomainException.invalid(
            path + "." + field, "Unknown property '" + path + "." + field + "'");
      }
    }
  }

  /** The body's text; bytes that are not UTF-8 are refused, never replaced. */
  private static String utf8(io.vertx.core.buffer.Buffer body) {
    if (body == null) {
      return null;
    }
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw DomainException.invalid("body", "The request body is not valid UTF-8");
    }
  }

  /** A key given twice is refused: which of the two would count is a guess. */
  private static void requireNoDuplicateKeys(String text) {
    com.fasterxml.jackson.core.JsonFactory strict =
        com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    try (com.fasterxml.jackson.core.JsonParser p = strict.createParser(text)) {
      while (p.nextToken() != null) {
        // reading every token is the check
      }
    } catch (com.fasterxml.jackson.core.JsonParseException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
        throw DomainException.invalid("body", "A property appears twice in the request body");
      }
      throw DomainException.invalid("body", "The request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw DomainException.invalid("body", "The request body is not valid JSON");
    }
  }

  public static String requiredString(JsonObject json, String field) {
    return optionalString(json, field)
        .orElseThrow(() -> DomainException.invalid(field, "'" + field + "' is required"));
  }

  /** A field that may be left out but, when given, must not be null. */
  public static Optional<String> optionalNonNullString(JsonObject json, String field) {
    if (json.containsKey(field) && json.getValue(field) == null) {
      throw DomainException.invalid(field, "'" + field + "' cannot be null");
    }
    return optionalString(json, field);
  }

  public static Optional<String> optionalString(JsonObject json, String field) {
    return optional(json, field, String.class, "a string");
  }

  public static Optional<Boolean> optionalBoolean(JsonObject json, String field) {
    return optional(json, field, Boolean.class, "true or false");
  }

  public static Optional<JsonObject> optionalObject(JsonObject json, String field) {
    return optional(json, field, JsonObject.class, "an object");
  }

  /** The field when present, refused unless it is a {@code type}. */
  private static <T> Optional<T> optional(
      JsonObject json, String field, Class<T> type, String mustBe) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw DomainException.invalid(field, "'" + field + "' must be " + mustBe);
    }
    return Optional.of(type.cast(value));
  }

  /** The id inside a reference such as {@code "catalog": {"id": "…"}}. */
  public static String referencedId(JsonObject json, String field) {
    JsonObject ref =
        optionalObject(json, field)
            .orElseThrow(
                () -> DomainException.invalid(field + ".id", "'" + field + ".id' is required"));
    String id = requiredString(ref, "id");
    return dev.steward.domain.Guid.require(id, field + ".id");
  }

  /** Vert.x JSON as plain maps and lists, the form the domain reads. */
  public static java.util.Map<String, Object> plain(JsonObject json) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    json.forEach(e -> m.put(e.getKey(), plainValue(e.getValue())));
    return m;
  }

  private static Object plainValue(Object v) {
    if (v instanceof JsonObject o) {
      return plain(o);
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      java.util.List<Object> l = new java.util.ArrayList<>();
      a.forEach(x -> l.add(plainValue(x)));
      return l;
    }
    return v;
  }
}
