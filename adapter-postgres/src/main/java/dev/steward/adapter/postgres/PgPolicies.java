package dev.steward.adapter.postgres;

import dev.steward.application.port.out.policies.Policies;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyDocument;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Assignment policies; their settings are one JSONB document in the domain's Graph shape. */
final class PgPolicies implements Policies {
  private final SqlClient client;

  PgPolicies(SqlClient client) {
    this.client = client;
  }

  /**
   * Settings documents already read, by their text: the same few documents are read for every
   * listing of policies and every "what may I request" (a fifth of its CPU went to parsing them).
   * The text is the whole input of {@link PolicyDocument#read}, and what it gives is immutable, so
   * an equal text may share it; past 2,000 documents, all are forgotten at once.
   */
  private static final Remembered<String, AssignmentPolicy.Settings> SETTINGS =
      new Remembered<>(2_000);

  static AssignmentPolicy.Settings settings(String text) {
    AssignmentPolicy.Settings read = SETTINGS.get(text);
    if (read == null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> document = (Map<String, Object>) plain(new JsonObject(text));
      read = SETTINGS.remember(text, PolicyDocument.read(document));
    }
    return read;
  }

  static AssignmentPolicy fromRow(Row r) {
    AssignmentPolicy.Settings settings = settings(r.getString("settings"));
    return new AssignmentPolicy(
        new PolicyId(r.getUUID("id").toString()),
        new AccessPackageId(r.getUUID("access_package_id").toString()),
        new CatalogId(r.getUUID("catalog_id").toString()),
        r.getString("display_name"),
        r.getString("description"),
        settings,
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("modified_at").toInstant());
  }

  /** Vert.x JSON as plain maps and lists, the form the domain reads. */
  static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> m = new LinkedHashMap<>();
      o.forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (value instanceof JsonArray a) {
      List<Object> l = new ArrayList<>();
      a.forEach(v -> l.add(plain(v)));
      return l;
    }
    if (value instanceof Map<?, ?> m) {
      return plain(new JsonObject(castMap(m)));
    }
    if (value instanceof List<?> l) {
      return plain(new JsonArray(new ArrayList<>(l)));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static Tuple values(AssignmentPolicy p) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(p.id().value()),
          Sql.uuid(p.accessPackageId().value()),
          Sql.uuid(p.catalogId().value()),
          p.displayName(),
          p.description(),
          new JsonObject(PolicyDocument.write(p.settings())),
          Sql.time(p.createdDateTime()),
          Sql.time(p.modifiedDateTime())
        });
  }

  @Override
  public Future<Void> insert(AssignmentPolicy policy) {
    return client.preparedQuery(Sql.INSERT_POLICY).execute(values(policy)).mapEmpty();
  }

  @Override
  public Future<Optional<AssignmentPolicy>> find(PolicyId id) {
    return client
        .preparedQuery(Sql.FIND_POLICY)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgPolicies::fromRow));
  }

  @Override
  public Future<Void> update(AssignmentPolicy policy) {
    return client.preparedQuery(Sql.UPDATE_POLICY).execute(values(policy)).mapEmpty();
  }

  @Override
  public Future<Void> delete(PolicyId id) {
    return client
        .preparedQuery(Sql.DELETE_POLICY)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .mapEmpty();
  }

  @Override
  public Future<List<AssignmentPolicy>> list(
      Optional<Set<CatalogId>> catalogs, Optional<AccessPackageId> pkg, String afterId, int limit) {
    Filtered f =
        new Filtered("SELECT " + Sql.POLICY_READ_COLUMNS + " FROM assignment_policy")
            .in(
                "catalog_id",
                catalogs.map(s -> Filtered.uuids(s.stream().map(c -> c.value()).toList())))
            .and("access_package_id = ?", pkg.map(p -> Sql.uuid(p.value())))
            .page(afterId, limit);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgPolicies::fromRow));
  }

  @Override
  public Future<List<AssignmentPolicy>> requestableBy(
      PrincipalId user, Set<PrincipalId> groups, Set<AccessPackageId> packages) {
    if (packages.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Filtered f =
        new Filtered("SELECT " + Sql.POLICY_READ_COLUMNS + " FROM assignment_policy")
            .andEach(
                Sql.POLICY_REQUESTABLE_BY,
                user.value(),
                groups.stream().map(PrincipalId::value).toArray(String[]::new))
            .in(
                "access_package_id",
                Optional.of(
                    Filtered.uuids(packages.stream().map(AccessPackageId::value).toList())));
    return client
        .preparedQuery(f.sql() + " ORDER BY id")
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgPolicies::fromRow));
  }
}
