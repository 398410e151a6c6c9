package dev.steward.adapter.postgres;

import dev.steward.application.port.in.delegation.ObserveRoleChangesUseCase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * Listens on Postgres's {@code steward_role_assignments} channel (notified by triggers on {@code
 * role_assignment}, migration V4, and the tables read with it, V17 and V18) and its {@code
 * steward_audit_records} channel (a trigger on {@code audit_record}, V19) on a connection of its
 * own, and tells the observer of every change. When the connection drops the observer hears that
 * the feed is down, and the feed connects again every second until it is back.
 */
public final class PgRoleChangeFeed implements AutoCloseable {
  static final String CHANNEL = "steward_role_assignments";
  static final String AUDIT_CHANNEL = "steward_audit_records";
  private static final System.Logger LOG = System.getLogger("steward.postgres");
  private static final long RETRY_MILLIS = 1_000;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final ObserveRoleChangesUseCase observer;
  private volatile boolean closed;
  private volatile PgConnection connection;

  private PgRoleChangeFeed(
      Vertx vertx, PostgresSettings settings, ObserveRoleChangesUseCase observer) {
    this.vertx = vertx;
    this.observer = observer;
    this.options =
        new PgConnectOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setDatabase(settings.database())
            .setUser(settings.user())
            .setPassword(settings.password());
  }

  /** Starts listening; the observer hears {@code feedConnected(true)} once LISTEN is in place. */
  public static PgRoleChangeFeed start(
      Vertx vertx, PostgresSettings settings, ObserveRoleChangesUseCase observer) {
    PgRoleChangeFeed feed = new PgRoleChangeFeed(vertx, settings, observer);
    feed.connect();
    return feed;
  }

  private void connect() {
    if (closed) {
      return;
    }
    PgConnection.connect(vertx, options)
        .compose(
            conn -> {
              connection = conn;
              conn.notificationHandler(
                  n -> {
                    if (AUDIT_CHANNEL.equals(n.getChannel())) {
                      observer.auditWritten();
                    } else {
                      observer.rolesChanged();
                    }
                  });
              conn.closeHandler(v -> lost());
              conn.exceptionHandler(e -> LOG.log(System.Logger.Level.DEBUG, "role feed", e));
              return conn.query("LISTEN " + CHANNEL + "; LISTEN " + AUDIT_CHANNEL).execute();
            })
        .onSuccess(done -> observer.feedConnected(true))
        .onFailure(
            e -> {
              LOG.log(
                  System.Logger.Level.WARNING,
                  "cannot listen for role changes; held roles are read on every request: "
                      + e.getMessage());
              PgConnection c = connection;
              if (c != null) {
                c.close();
              } else {
                retryLater();
              }
            });
  }

  private void lost() {
    connection = null;
    observer.feedConnected(false);
    retryLater();
  }

  private void retryLater() {
    if (!closed) {
      vertx.setTimer(RETRY_MILLIS, t -> connect());
    }
  }

  @Override
  public void close() {
    closed = true;
    observer.feedConnected(false);
    PgConnection c = connection;
    if (c != null) {
      c.close();
    }
  }
}
