package dev.steward.adapter.http;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * One line per request: time, instance, request id, client address, actor, method, route, path,
 * status and duration — never a header, a body or a query string, so no password or token can reach
 * the log. As JSON it has the fields of every other log line (timestamp, level, logger, instance),
 * so one parser reads the whole stream.
 */
public final class AccessLog {
  /** Plain {@code key=value} text, or one JSON object per line. */
  public enum Format {
    TEXT,
    JSON
  }

  private final Format format;
  private final Consumer<String> sink;
  private final String instance;

  public AccessLog(Format format, Consumer<String> sink) {
    this(format, sink, "-");
  }

  public AccessLog(Format format, Consumer<String> sink, String instance) {
    this.format = format;
    this.sink = sink;
    this.instance = instance;
  }

  /**
   * How a sign-in that did not succeed names its login: marked, and cleaned of anything that could
   * forge a log line or a JSON field.
   */
  static String attempt(String login) {
    String clean = login.replaceAll("[^\\p{L}\\p{N}._@\\\\-]", "?");
    return "!" + (clean.length() > 64 ? clean.substring(0, 64) : clean);
  }

  void log(
      String requestId,
      String clientAddress,
      String actor,
      String method,
      String route,
      String path,
      int status,
      double millis) {
    if (format == Format.JSON) {
      sink.accept(
          new JsonObject()
              .put("timestamp", java.time.Instant.now().toString())
              .put("level", "INFO")
              .put("logger", "steward.access")
              .put("instance", instance)
              .put("type", "access")
              .put("requestId", requestId)
              .put("clientAddress", clientAddress)
              .put("actor", actor)
              .put("method", method)
              .put("route", route)
              .put("path", path)
              .put("status", status)
              .put("durationMs", Math.round(millis * 10) / 10.0)
              .encode());
    } else {
      // Appended, not String.format: the formatter was 6% of a read's CPU in a JFR profile.
      long tenths = Math.round(millis * 10);
      sink.accept(
          new StringBuilder(160)
              .append("access request_id=")
              .append(requestId)
              .append(" client=")
              .append(clientAddress)
              .append(" actor=")
              .append(actor)
              .append(" method=")
              .append(method)
              .append(" route=")
              .append(route)
              .append(" path=")
              .append(path)
              .append(" status=")
              .append(status)
              .append(" duration_ms=")
              .append(tenths / 10)
              .append('.')
              .append(tenths % 10)
              .toString());
    }
  }
}
