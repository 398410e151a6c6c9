package dev.steward.adapter.postgres;

import dev.steward.application.port.out.reviews.AccessReviews;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ReviewSchedule;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access review definitions, instances and decision items. A definition's reviewers, settings and
 * schedule are one JSONB document; the columns that are queried (catalog, policy, scope) are
 * ordinary ones, and the reviewers of each item a uuid array with a GIN index.
 */
final class PgAccessReviews implements AccessReviews {
  private static final String DEF_COLUMNS =
      "id, kind, catalog_id, policy_id, resource_id, scope_query, display_name, document,"
          + " created_by, created_at, modified_at, started";
  private static final String INSERT_DEF =
      "INSERT INTO access_review_definition ("
          + DEF_COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
  private static final String UPDATE_DEF =
      "UPDATE access_review_definition SET kind = $2, catalog_id = $3, policy_id = $4,"
          + " resource_id = $5, scope_query = $6, display_name = $7, document = $8,"
          + " created_by = $9, created_at = $10, modified_at = $11, started = $12 WHERE id = $1";
  private static final String DELETE_DEF = "DELETE FROM access_review_definition WHERE id = $1";
  private static final String FIND_DEF =
      "SELECT " + DEF_COLUMNS + " FROM access_review_definition WHERE id = $1";
  private static final String DEF_OF_POLICY =
      "SELECT " + DEF_COLUMNS + " FROM access_review_definition WHERE policy_id = $1";

  private static final String INST_COLUMNS =
      "id, definition_id, catalog_id, occurrence, start_at, end_at, status, applied_at";
  private static final String INSERT_INST =
      "INSERT INTO access_review_instance ("
          + INST_COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String UPDATE_INST =
      "UPDATE access_review_instance SET definition_id = $2, catalog_id = $3, occurrence = $4,"
          + " start_at = $5, end_at = $6, status = $7, applied_at = $8 WHERE id = $1";
  private static final String FIND_INST =
      "SELECT " + INST_COLUMNS + " FROM access_review_instance WHERE id = $1";
  private static final String INSTANCES_OF =
      "SELECT "
          + INST_COLUMNS
          + " FROM access_review_instance WHERE definition_id = $1 ORDER BY occurrence";
  private static final String INSTANCES_WITH_REVIEWER =
      "SELECT "
          + INST_COLUMNS
          + " FROM access_review_instance i WHERE EXISTS (SELECT 1 FROM access_review_decision d"
          + " WHERE d.instance_id = i.id AND d.reviewer_ids @> ARRAY[$1::uuid])"
          + " ORDER BY start_at DESC, id LIMIT 1000";

  private static final String DEC_COLUMNS =
      "id, instance_id, definition_id, principal_id, principal_name, principal_login,"
          + " resource_id, resource_name, reviewer_ids, recommendation, recommendation_reason,"
          + " decision, justification, reviewed_by, reviewed_at, apply_result, applied_by,"
          + " applied_at";
  private static final String INSERT_DEC =
      "INSERT INTO access_review_decision ("
          + DEC_COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
          + " $17, $18)";
  private static final String UPDATE_DEC =
      "UPDATE access_review_decision SET instance_id = $2, definition_id = $3,"
          + " principal_id = $4, principal_name = $5, principal_login = $6, resource_id = $7,"
          + " resource_name = $8, reviewer_ids = $9, recommendation = $10,"
          + " recommendation_reason = $11, decision = $12, justification = $13,"
          + " reviewed_by = $14, reviewed_at = $15, apply_result = $16, applied_by = $17,"
          + " applied_at = $18 WHERE id = $1";
  private static final String FIND_DEC =
      "SELECT " + DEC_COLUMNS + " FROM access_review_decision WHERE id = $1";

  private final SqlClient client;

  PgAccessReviews(SqlClient client) {
    this.client = client;
  }

  // ---------------------------------------------------------------- definitions

  private static Tuple values(AccessReviewDefinition d) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(d.id()),
          d.kind().name(),
          Sql.uuid(d.catalogId().value()),
          d.policyId().map(p -> Sql.uuid(p.value())).orElse(null),
          Sql.uuid(d.resourceId()),
          d.scopeQuery(),
          d.displayName(),
          document(d),
          Sql.uuid(d.createdBy().value()),
          Sql.time(d.createdDateTime()),
          Sql.time(d.lastModifiedDateTime()),
          d.started()
        });
  }

  private static JsonObject document(AccessReviewDefinition d) {
    return new JsonObject()
        .put("descriptionForAdmins", d.descriptionForAdmins())
        .put("descriptionForReviewers", d.descriptionForReviewers())
        .put("reviewers", subjects(d.reviewers()))
        .put("fallbackReviewers", subjects(d.fallbackReviewers()))
        .put("selfReview", d.selfReview())
        .put("justificationRequired", d.justificationRequired())
        .put("recommendationsEnabled", d.recommendationsEnabled())
        .put("expirationBehavior", d.behaviour().apiName())
        .put("autoApply", d.autoApply())
        .put("schedule", new JsonObject(d.schedule().policyScheduleJson()));
  }

  private static JsonArray subjects(List<SubjectSet> sets) {
    JsonArray a = new JsonArray();
    for (SubjectSet s : sets) {
      if (s instanceof SubjectSet.SingleUser u) {
        a.add(new JsonObject().put("user", u.userId().value()).put("description", u.description()));
      } else if (s instanceof SubjectSet.GroupMembers g) {
        a.add(
            new JsonObject().put("group", g.groupId().value()).put("description", g.description()));
      } else if (s instanceof SubjectSet.RequestorManager m) {
        a.add(new JsonObject().put("manager", m.managerLevel()));
      }
    }
    return a;
  }

  private static List<SubjectSet> subjects(JsonArray a) {
    List<SubjectSet> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject o = a.getJsonObject(i);
      if (o.containsKey("user")) {
        out.add(
            new SubjectSet.SingleUser(
                new PrincipalId(o.getString("user")), o.getString("description")));
      } else if (o.containsKey("group")) {
        out.add(
            new SubjectSet.GroupMembers(
                new PrincipalId(o.getString("group")), o.getString("description")));
      } else {
        out.add(new SubjectSet.RequestorManager(o.getInteger("manager")));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static AccessReviewDefinition definition(Row r) {
    JsonObject doc = r.getJsonObject("document");
    UUID policy = r.getUUID("policy_id");
    return new AccessReviewDefinition(
        r.getUUID("id").toString(),
        AccessReviewDefinition.Kind.valueOf(r.getString("kind")),
        r.getString("display_name"),
        doc.getString("descriptionForAdmins"),
        doc.getString("descriptionForReviewers"),
        new CatalogId(r.getUUID("catalog_id").toString()),
        Optional.ofNullable(policy).map(p -> new PolicyId(p.toString())),
        r.getUUID("resource_id").toString(),
        subjects(doc.getJsonArray("reviewers")),
        subjects(doc.getJsonArray("fallbackReviewers")),
        doc.getBoolean("selfReview"),
        doc.getBoolean("justificationRequired"),
        doc.getBoolean("recommendationsEnabled"),
        AccessReviewDefinition.Behaviour.parse(doc.getString("expirationBehavior")),
        doc.getBoolean("autoApply"),
        ReviewSchedule.readPolicySchedule(
            (Map<String, Object>) PgPolicies.plain(doc.getJsonObject("schedule")), "schedule"),
        new PrincipalId(r.getUUID("created_by").toString()),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("modified_at").toInstant(),
        r.getInteger("started"));
  }

  @Override
  public Future<Void> insertDefinition(AccessReviewDefinition d) {
    return client.preparedQuery(INSERT_DEF).execute(values(d)).mapEmpty();
  }

  @Override
  public Future<Void> updateDefinition(AccessReviewDefinition d) {
    return client.preparedQuery(UPDATE_DEF).execute(values(d)).mapEmpty();
  }

  @Override
  public Future<Void> deleteDefinition(String id) {
    return client.preparedQuery(DELETE_DEF).execute(Tuple.of(Sql.uuid(id))).mapEmpty();
  }

  @Override
  public Future<Optional<AccessReviewDefinition>> findDefinition(String id, boolean lock) {
    return client
        .preparedQuery(lock ? FIND_DEF + " FOR UPDATE" : FIND_DEF)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessReviews::definition));
  }

  @Override
  public Future<Optional<AccessReviewDefinition>> definitionOfPolicy(PolicyId policy) {
    return client
        .preparedQuery(DEF_OF_POLICY)
        .execute(Tuple.of(Sql.uuid(policy.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessReviews::definition));
  }

  @Override
  public Future<List<AccessReviewDefinition>> listDefinitions(
      Optional<Set<CatalogId>> catalogs,
      Optional<String> scopeContains,
      String afterId,
      int limit) {
    Filtered f =
        new Filtered("SELECT " + DEF_COLUMNS + " FROM access_review_definition")
            .in(
                "catalog_id",
                catalogs.map(s -> Filtered.uuids(s.stream().map(CatalogId::value).toList())))
            .and("strpos(scope_query, ?) > 0", scopeContains)
            .page(afterId, limit);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgAccessReviews::definition));
  }

  // ---------------------------------------------------------------- instances

  private static Tuple values(AccessReviewInstance i) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(i.id()),
          Sql.uuid(i.definitionId()),
          Sql.uuid(i.catalogId().value()),
          i.index(),
          Sql.time(i.startDateTime()),
          Sql.time(i.endDateTime()),
          i.status().name(),
          i.appliedDateTime() == null ? null : Sql.time(i.appliedDateTime())
        });
  }

  static AccessReviewInstance instance(Row r) {
    return new AccessReviewInstance(
        r.getUUID("id").toString(),
        r.getUUID("definition_id").toString(),
        new CatalogId(r.getUUID("catalog_id").toString()),
        r.getInteger("occurrence"),
        r.getOffsetDateTime("start_at").toInstant(),
        r.getOffsetDateTime("end_at").toInstant(),
        AccessReviewInstance.Status.valueOf(r.getString("status")),
        instant(r, "applied_at"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  @Override
  public Future<Void> insertInstance(AccessReviewInstance i) {
    return client.preparedQuery(INSERT_INST).execute(values(i)).mapEmpty();
  }

  @Override
  public Future<Void> updateInstance(AccessReviewInstance i) {
    return client.preparedQuery(UPDATE_INST).execute(values(i)).mapEmpty();
  }

  @Override
  public Future<Optional<AccessReviewInstance>> findInstance(String id, boolean lock) {
    return client
        .preparedQuery(lock ? FIND_INST + " FOR UPDATE" : FIND_INST)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessReviews::instance));
  }

  @Override
  public Future<List<AccessReviewInstance>> instancesOf(String definitionId) {
    return client
        .preparedQuery(INSTANCES_OF)
        .execute(Tuple.of(Sql.uuid(definitionId)))
        .map(rows -> PgAccessPackages.all(rows, PgAccessReviews::instance));
  }

  @Override
  public Future<List<AccessReviewInstance>> instancesWithReviewer(PrincipalId reviewer) {
    return client
        .preparedQuery(INSTANCES_WITH_REVIEWER)
        .execute(Tuple.of(Sql.uuid(reviewer.value())))
        .map(rows -> PgAccessPackages.all(rows, PgAccessReviews::instance));
  }

  // ---------------------------------------------------------------- decisions

  private static Tuple values(AccessReviewDecision d) {
    return Tuple.from(
        new Object[] {
          Sql.uuid(d.id()),
          Sql.uuid(d.instanceId()),
          Sql.uuid(d.definitionId()),
          Sql.uuid(d.principalId().value()),
          d.principalName(),
          d.principalLogin(),
          Sql.uuid(d.resourceId()),
          d.resourceName(),
          Filtered.uuids(d.reviewers().stream().map(PrincipalId::value).sorted().toList()),
          d.recommendation().apiName(),
          d.recommendationReason(),
          d.decision().apiName(),
          d.justification(),
          d.reviewedBy() == null ? null : Sql.uuid(d.reviewedBy().value()),
          d.reviewedDateTime() == null ? null : Sql.time(d.reviewedDateTime()),
          d.applyResult().apiName(),
          d.appliedBy() == null ? null : Sql.uuid(d.appliedBy().value()),
          d.appliedDateTime() == null ? null : Sql.time(d.appliedDateTime())
        });
  }

  static AccessReviewDecision decision(Row r) {
    UUID[] reviewers = r.getArrayOfUUIDs("reviewer_ids");
    Set<PrincipalId> who = new HashSet<>();
    Arrays.stream(reviewers).forEach(u -> who.add(new PrincipalId(u.toString())));
    UUID reviewedBy = r.getUUID("reviewed_by");
    UUID appliedBy = r.getUUID("applied_by");
    return new AccessReviewDecision(
        r.getUUID("id").toString(),
        r.getUUID("instance_id").toString(),
        r.getUUID("definition_id").toString(),
        new PrincipalId(r.getUUID("principal_id").toString()),
        r.getString("principal_name"),
        r.getString("principal_login"),
        r.getUUID("resource_id").toString(),
        r.getString("resource_name"),
        who,
        AccessReviewDecision.Recommendation.of(r.getString("recommendation")),
        r.getString("recommendation_reason"),
        AccessReviewDecision.Verdict.of(r.getString("decision")),
        r.getString("justification"),
        reviewedBy == null ? null : new PrincipalId(reviewedBy.toString()),
        instant(r, "reviewed_at"),
        AccessReviewDecision.ApplyResult.of(r.getString("apply_result")),
        appliedBy == null ? null : new PrincipalId(appliedBy.toString()),
        instant(r, "applied_at"));
  }

  @Override
  public Future<Void> insertDecisions(List<AccessReviewDecision> decisions) {
    if (decisions.isEmpty()) {
      return Future.succeededFuture();
    }
    return client
        .preparedQuery(INSERT_DEC)
        .executeBatch(decisions.stream().map(PgAccessReviews::values).toList())
        .mapEmpty();
  }

  @Override
  public Future<Void> updateDecision(AccessReviewDecision d) {
    return client.preparedQuery(UPDATE_DEC).execute(values(d)).mapEmpty();
  }

  @Override
  public Future<Optional<AccessReviewDecision>> findDecision(String id) {
    return client
        .preparedQuery(FIND_DEC)
        .execute(Tuple.of(Sql.uuid(id)))
        .map(rows -> PgCatalogs.first(rows).map(PgAccessReviews::decision));
  }

  @Override
  public Future<List<AccessReviewDecision>> decisionsOf(
      String instanceId, Optional<PrincipalId> reviewer, String afterId, int limit) {
    Filtered f =
        new Filtered("SELECT " + DEC_COLUMNS + " FROM access_review_decision")
            .and("instance_id = ?", Sql.uuid(instanceId))
            .and("reviewer_ids @> ARRAY[?::uuid]", reviewer.map(p -> Sql.uuid(p.value())))
            .page(afterId, limit);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgAccessReviews::decision));
  }
}
