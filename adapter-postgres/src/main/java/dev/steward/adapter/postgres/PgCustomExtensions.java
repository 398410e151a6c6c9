package dev.steward.adapter.postgres;

import dev.steward.application.port.out.extensions.CustomExtensions;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Custom extensions in {@code custom_extension}. */
final class PgCustomExtensions implements CustomExtensions {
  private static final String COLUMNS =
      "id, catalog_id, kind, display_name, description, target_url, callback_timeout_seconds,"
          + " signing_secret, created_by, created_at, modified_by, modified_at";
  private static final String INSERT =
      "INSERT INTO custom_extension ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
  private static final String UPDATE =
      "UPDATE custom_extension SET display_name = $2, description = $3, target_url = $4,"
          + " callback_timeout_seconds = $5, modified_by = $6, modified_at = $7 WHERE id = $1";
  private static final String FIND = "SELECT " + COLUMNS + " FROM custom_extension WHERE id = $1";
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM custom_extension WHERE catalog_id = $1 AND ($2::uuid IS NULL OR id > $2)"
          + " ORDER BY id LIMIT $3";
  private static final String DELETE = "DELETE FROM custom_extension WHERE id = $1";
  // A policy attaches an extension when its settings' customExtensionStageSettings name it.
  private static final String ATTACHED =
      "SELECT EXISTS (SELECT 1 FROM assignment_policy WHERE settings -> 'customExtensionStageSettings'"
          + " @> $1) AS attached";

  private final SqlClient client;

  PgCustomExtensions(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(CustomExtension x) {
    return client.preparedQuery(INSERT).execute(values(x)).mapEmpty();
  }

  @Override
  public Future<Void> update(CustomExtension x) {
    return client
        .preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                new Object[] {
                  Sql.uuid(x.id()),
                  x.displayName(),
                  x.description(),
                  x.targetUrl(),
                  x.callbackTimeout() == null ? null : x.callbackTimeout().toSeconds(),
                  x.lastModifiedBy(),
                  Sql.time(x.lastModifiedDateTime())
                }))
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(String id) {
    return client.preparedQuery(DELETE).execute(Tuple.of(Sql.uuid(id))).mapEmpty();
  }

  @Override
  public Future<Optional<CustomExtension>> find(String id) {
    return client
        .preparedQuery(FIND)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
  }

  @Override
  public Future<List<CustomExtension>> list(CatalogId catalog, String afterId, int limit) {
    return client
        .preparedQuery(LIST)
        .execute(
            Tuple.of(Sql.uuid(catalog.value()), afterId == null ? null : Sql.uuid(afterId), limit))
        .map(
            rows -> {
              List<CustomExtension> out = new ArrayList<>();
              rows.forEach(r -> out.add(from(r)));
              return out;
            });
  }

  @Override
  public Future<Boolean> attached(String id) {
    JsonArray probe =
        new JsonArray()
            .add(new JsonObject().put("customExtension", new JsonObject().put("id", id)));
    return client
        .preparedQuery(ATTACHED)
        .execute(Tuple.of(probe))
        .map(rows -> rows.iterator().next().getBoolean("attached"));
  }

  private static Tuple values(CustomExtension x) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(x.id()),
          Sql.uuid(x.catalogId().value()),
          x.kind().name(),
          x.displayName(),
          x.description(),
          x.targetUrl(),
          x.callbackTimeout() == null ? null : x.callbackTimeout().toSeconds(),
          x.signingSecret(),
          x.createdBy(),
          Sql.time(x.createdDateTime()),
          x.lastModifiedBy(),
          Sql.time(x.lastModifiedDateTime())
        });
  }

  private static CustomExtension from(Row r) {
    Long timeout = r.getLong("callback_timeout_seconds");
    return new CustomExtension(
        r.getUUID("id").toString(),
        new CatalogId(r.getUUID("catalog_id").toString()),
        CustomExtension.Kind.valueOf(r.getString("kind")),
        r.getString("display_name"),
        r.getString("description"),
        r.getString("target_url"),
        timeout == null ? null : Duration.ofSeconds(timeout),
        r.getString("signing_secret"),
        r.getString("created_by"),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getString("modified_by"),
        r.getOffsetDateTime("modified_at").toInstant());
  }
}
