package dev.steward.bootstrap;

import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One logging backend for everything: the JDK's. Steward logs through {@code System.Logger}, Vert.x
 * and UnboundID through java.util.logging, Flyway and the embedded Postgres through SLF4J, which
 * hands to java.util.logging too ({@code slf4j-jdk14}). With STEWARD_LOG_FORMAT=json the root
 * handler writes each record as one JSON object per line on standard output, with the same fields
 * as the access log's lines (timestamp, level, logger, instance), so one parser reads the stream.
 */
final class Logging {
  private Logging() {}

  /** Sets up the root logger for the configured format; text keeps the JDK's defaults. */
  static void configure(Config config, Instance instance) {
    if ("json".equalsIgnoreCase(config.get("STEWARD_LOG_FORMAT", "text"))) {
      install(jsonLines(System.out, instance.name()));
    }
  }

  /** Makes {@code handler} the root logger's only handler. */
  static void install(Handler handler) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(handler);
  }

  /** A handler writing one JSON object per record to {@code out}, flushed at each. */
  static Handler jsonLines(OutputStream out, String instance) {
    StreamHandler handler =
        new StreamHandler(out, new JsonFormatter(instance)) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    handler.setLevel(Level.ALL);
    return handler;
  }

  /** A record as one line of JSON: the message formatted, an error with its stack trace. */
  static final class JsonFormatter extends Formatter {
    private final String instance;

    JsonFormatter(String instance) {
      this.instance = instance;
    }

    @Override
    public String format(LogRecord r) {
      JsonObject line =
          new JsonObject()
              .put("timestamp", Instant.ofEpochMilli(r.getMillis()).toString())
              .put("level", level(r.getLevel()))
              .put("logger", r.getLoggerName() == null ? "" : r.getLoggerName())
              .put("instance", instance)
              .put("message", formatMessage(r));
      // Written while serving a request (on its Vert.x context): which one, from where, by whom.
      dev.steward.adapter.http.RequestLogContext.current()
          .ifPresent(
              q ->
                  line.put("requestId", q.requestId())
                      .put("clientAddress", q.clientAddress())
                      .put("actor", q.actor()));
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.put("error", String.valueOf(r.getThrown())).put("stackTrace", trace.toString());
      }
      return line.encode() + System.lineSeparator();
    }

    /** The level under the names SLF4J and most log tools use. */
    static String level(Level level) {
      int v = level.intValue();
      if (v >= Level.SEVERE.intValue()) {
        return "ERROR";
      }
      if (v >= Level.WARNING.intValue()) {
        return "WARN";
      }
      if (v >= Level.INFO.intValue()) {
        return "INFO";
      }
      if (v >= Level.FINE.intValue()) {
        return "DEBUG";
      }
      return "TRACE";
    }
  }
}
