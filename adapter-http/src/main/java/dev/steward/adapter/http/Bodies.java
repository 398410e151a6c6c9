package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Strict reading of request bodies: a JSON object, only known fields, each of its type. */
final class Bodies {
  private Bodies() {}

  /** The body as an object whose fields are all in {@code allowed} (OData annotations aside). */
  static JsonObject object(RoutingContext ctx, Set<String> allowed) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("body", "The request needs a JSON object body");
    }
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

  static String requiredString(JsonObject json, String field) {
    return optionalString(json, field)
        .orElseThrow(() -> DomainException.invalid(field, "'" + field + "' is required"));
  }

  static Optional<String> optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw DomainException.invalid(field, "'" + field + "' must be a string");
    }
    return Optional.of(s);
  }

  static Optional<Boolean> optionalBoolean(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean b)) {
      throw DomainException.invalid(field, "'" + field + "' must be true or false");
    }
    return Optional.of(b);
  }
}
