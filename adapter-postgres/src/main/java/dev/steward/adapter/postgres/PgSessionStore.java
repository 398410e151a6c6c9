package dev.steward.adapter.postgres;

import dev.steward.application.port.out.sessions.SessionStore;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Portal sessions in {@code portal_session}, by the hash of their id. */
final class PgSessionStore implements SessionStore {
  /** The per-user lock, in the two-key space (apart from the per-user assignment locks). */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(1400138085, hashtext($1))";

  private static final String INSERT =
      "INSERT INTO portal_session (id_hash, user_id, login, created_at, last_seen_at)"
          + " VALUES ($1, $2, $3, $4, $5)";
  private static final String FIND =
      "SELECT user_id, login, created_at, last_seen_at FROM portal_session WHERE id_hash = $1";
  private static final String TOUCH =
      "UPDATE portal_session SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2";
  private static final String DELETE = "DELETE FROM portal_session WHERE id_hash = $1";
  private static final String KEEP_NEWEST =
      "DELETE FROM portal_session WHERE user_id = $1 AND id_hash NOT IN (SELECT id_hash FROM"
          + " portal_session WHERE user_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2)";
  private static final String DELETE_ENDED =
      "DELETE FROM portal_session WHERE last_seen_at <= $1 OR created_at <= $2";

  private final SqlClient client;

  PgSessionStore(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> lockUser(PrincipalId userId) {
    return client.preparedQuery(LOCK).execute(Tuple.of(userId.value())).mapEmpty();
  }

  @Override
  public Future<Void> insert(StoredSession s) {
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.of(
                Buffer.buffer(s.idHash()),
                UUID.fromString(s.userId().value()),
                s.login(),
                Sql.time(s.createdAt()),
                Sql.time(s.lastSeenAt())))
        .mapEmpty();
  }

  @Override
  public Future<Optional<StoredSession>> find(byte[] idHash) {
    return client
        .preparedQuery(FIND)
        .execute(Tuple.of(Buffer.buffer(idHash)))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new StoredSession(
                      idHash,
                      new PrincipalId(r.getUUID("user_id").toString()),
                      r.getString("login"),
                      r.getOffsetDateTime("created_at").toInstant(),
                      r.getOffsetDateTime("last_seen_at").toInstant()));
            });
  }

  @Override
  public Future<Void> touch(byte[] idHash, Instant at) {
    return client
        .preparedQuery(TOUCH)
        .execute(Tuple.of(Buffer.buffer(idHash), Sql.time(at)))
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(byte[] idHash) {
    return client.preparedQuery(DELETE).execute(Tuple.of(Buffer.buffer(idHash))).mapEmpty();
  }

  @Override
  public Future<Void> keepNewest(PrincipalId userId, int keep) {
    return client
        .preparedQuery(KEEP_NEWEST)
        .execute(Tuple.of(UUID.fromString(userId.value()), Math.max(keep, 0)))
        .mapEmpty();
  }

  @Override
  public Future<Integer> deleteEnded(Instant idleBefore, Instant createdBefore) {
    return client
        .preparedQuery(DELETE_ENDED)
        .execute(Tuple.of(Sql.time(idleBefore), Sql.time(createdBefore)))
        .map(rows -> rows.rowCount());
  }
}
