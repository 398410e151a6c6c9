package dev.steward.adapter.postgres;

import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Assignment requests; approval stages are stored as JSON in this adapter's own form. */
final class PgRequests implements AssignmentRequests {
  private static final String COLUMNS =
      "id, request_type, state, access_package_id, policy_id, catalog_id, requestor_id, target_id,"
          + " assignment_id, justification, requested_end, stages, current_approvers, status, created_at,"
          + " completed_at";
  private static final String INSERT =
      "INSERT INTO assignment_request ("
          + COLUMNS
          + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
  private static final String UPDATE =
      "UPDATE assignment_request SET request_type = $2, state = $3, access_package_id = $4,"
          + " policy_id = $5, catalog_id = $6, requestor_id = $7, target_id = $8, assignment_id = $9,"
          + " justification = $10, requested_end = $11, stages = $12, current_approvers = $13,"
          + " status = $14, created_at = $15, completed_at = $16 WHERE id = $1";
  private static final String FIND = "SELECT " + COLUMNS + " FROM assignment_request WHERE id = $1";
  private static final String FAILED_FOR =
      "SELECT "
          + COLUMNS
          + " FROM assignment_request WHERE assignment_id = $1 AND state = 'deliveryFailed'"
          + " ORDER BY created_at DESC LIMIT 1";
  private static final String OPEN_FOR =
      "SELECT "
          + COLUMNS
          + " FROM assignment_request WHERE target_id = $1 AND access_package_id = $2"
          + " AND state IN ('submitted', 'pendingApproval') AND request_type IN ('userAdd', 'adminAdd')";

  private final SqlClient client;

  PgRequests(SqlClient client) {
    this.client = client;
  }

  private static Tuple values(AssignmentRequest r) {
    UUID[] current =
        r.currentStage()
            .map(s -> s.approvers().stream().map(p -> Sql.uuid(p.value())).toArray(UUID[]::new))
            .orElse(new UUID[0]);
    return Tuple.from(
        new Object[] {
          Sql.uuid(r.id().value()),
          r.type().apiName(),
          r.state().apiName(),
          Sql.uuid(r.accessPackageId().value()),
          r.policyId() == null ? null : Sql.uuid(r.policyId().value()),
          Sql.uuid(r.catalogId().value()),
          Sql.uuid(r.requestorId().value()),
          Sql.uuid(r.targetId().value()),
          r.assignmentId() == null ? null : Sql.uuid(r.assignmentId().value()),
          r.justification(),
          r.requestedEnd() == null ? null : Sql.time(r.requestedEnd()),
          RequestAnswersJson.withAnswers(stages(r.stages()), r.answers()),
          current,
          r.status(),
          Sql.time(r.createdDateTime()),
          r.completedDateTime() == null ? null : Sql.time(r.completedDateTime())
        });
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static JsonArray ids(List<PrincipalId> ids) {
    JsonArray a = new JsonArray();
    ids.forEach(p -> a.add(p.value()));
    return a;
  }

  static JsonObject stages(List<AssignmentRequest.Stage> stages) {
    JsonArray a = new JsonArray();
    for (AssignmentRequest.Stage s : stages) {
      a.add(
          new JsonObject()
              .put("index", s.index())
              .put("approvers", ids(s.approvers()))
              .put("escalationApprovers", ids(s.escalationApprovers()))
              .put("escalated", s.escalated())
              .put("justificationRequired", s.justificationRequired())
              .put("decisionTime", text(s.decisionTime()))
              .put("escalationTime", text(s.escalationTime()))
              .put("due", text(s.dueDateTime()))
              .put("escalateAt", text(s.escalateDateTime()))
              .put("review", s.review().name())
              .put("reviewedBy", s.reviewedBy() == null ? null : s.reviewedBy().value())
              .put("reviewJustification", s.reviewJustification())
              .put("reviewedAt", text(s.reviewedDateTime())));
    }
    return new JsonObject().put("stages", a);
  }

  private static List<PrincipalId> principals(JsonArray a) {
    List<PrincipalId> out = new ArrayList<>();
    a.forEach(v -> out.add(new PrincipalId((String) v)));
    return out;
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static Duration duration(String s) {
    return s == null ? null : Duration.parse(s);
  }

  static List<AssignmentRequest.Stage> stages(JsonObject json) {
    List<AssignmentRequest.Stage> out = new ArrayList<>();
    for (Object o : json.getJsonArray("stages")) {
      JsonObject s = (JsonObject) o;
      out.add(
          new AssignmentRequest.Stage(
              s.getInteger("index"),
              principals(s.getJsonArray("approvers")),
              principals(s.getJsonArray("escalationApprovers")),
              s.getBoolean("escalated"),
              s.getBoolean("justificationRequired"),
              duration(s.getString("decisionTime")),
              duration(s.getString("escalationTime")),
              instant(s.getString("due")),
              instant(s.getString("escalateAt")),
              AssignmentRequest.Review.valueOf(s.getString("review")),
              s.getString("reviewedBy") == null ? null : new PrincipalId(s.getString("reviewedBy")),
              s.getString("reviewJustification"),
              instant(s.getString("reviewedAt"))));
    }
    return out;
  }

  static AssignmentRequest fromRow(Row r) {
    return new AssignmentRequest(
        new RequestId(r.getUUID("id").toString()),
        AssignmentRequest.Type.parse(r.getString("request_type")),
        AssignmentRequest.State.parse(r.getString("state")),
        new AccessPackageId(r.getUUID("access_package_id").toString()),
        r.getUUID("policy_id") == null ? null : new PolicyId(r.getUUID("policy_id").toString()),
        new CatalogId(r.getUUID("catalog_id").toString()),
        new PrincipalId(r.getUUID("requestor_id").toString()),
        new PrincipalId(r.getUUID("target_id").toString()),
        r.getUUID("assignment_id") == null
            ? null
            : new AssignmentId(r.getUUID("assignment_id").toString()),
        r.getString("justification"),
        r.getOffsetDateTime("requested_end") == null
            ? null
            : r.getOffsetDateTime("requested_end").toInstant(),
        stages(r.getJsonObject("stages")),
        r.getString("status"),
        r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("completed_at") == null
            ? null
            : r.getOffsetDateTime("completed_at").toInstant(),
        RequestAnswersJson.answers(r.getJsonObject("stages")));
  }

  @Override
  public Future<Void> insert(AssignmentRequest request) {
    return client
        .preparedQuery(INSERT)
        .execute(values(request))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Void> update(AssignmentRequest request) {
    return client
        .preparedQuery(UPDATE)
        .execute(values(request))
        .<Void>mapEmpty()
        .recover(PgErrors::translate);
  }

  @Override
  public Future<Optional<AssignmentRequest>> find(RequestId id) {
    return client
        .preparedQuery(FIND)
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgRequests::fromRow));
  }

  @Override
  public Future<Optional<AssignmentRequest>> findForUpdate(RequestId id) {
    return client
        .preparedQuery(FIND + " FOR UPDATE")
        .execute(Tuple.of(Sql.uuid(id.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgRequests::fromRow));
  }

  @Override
  public Future<Optional<AssignmentRequest>> openFor(PrincipalId target, AccessPackageId pkg) {
    return client
        .preparedQuery(OPEN_FOR)
        .execute(Tuple.of(Sql.uuid(target.value()), Sql.uuid(pkg.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgRequests::fromRow));
  }

  @Override
  public Future<Optional<AssignmentRequest>> failedFor(dev.steward.domain.AssignmentId assignment) {
    return client
        .preparedQuery(FAILED_FOR)
        .execute(Tuple.of(Sql.uuid(assignment.value())))
        .map(rows -> PgCatalogs.first(rows).map(PgRequests::fromRow));
  }

  /** The requests that pass the query's filters, before any paging. */
  private static Filtered filtered(String selectFrom, Query q) {
    return new Filtered(selectFrom)
        .in(
            "catalog_id",
            q.catalogs().map(s -> Filtered.uuids(s.stream().map(c -> c.value()).toList())))
        .and("target_id = ?", q.target().map(t -> Sql.uuid(t.value())))
        .and("requestor_id = ?", q.requestor().map(t -> Sql.uuid(t.value())))
        .and(
            "(state = 'pendingApproval' AND current_approvers @> ARRAY[?::uuid])",
            q.pendingApprover().map(t -> Sql.uuid(t.value())))
        .and("state = ?", q.filter().state().map(AssignmentRequest.State::apiName))
        .and("request_type = ?", q.filter().type().map(AssignmentRequest.Type::apiName))
        .and("access_package_id = ?", q.filter().accessPackage().map(p -> Sql.uuid(p.value())))
        .and("target_id = ?", q.filter().target().map(t -> Sql.uuid(t.value())))
        .and("created_at >= ?", q.filter().createdFrom().map(Sql::time))
        .and("created_at <= ?", q.filter().createdTo().map(Sql::time));
  }

  @Override
  public Future<List<AssignmentRequest>> list(Query q) {
    Filtered f =
        filtered("SELECT " + COLUMNS + " FROM assignment_request", q).page(q.afterId(), q.limit());
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> PgAccessPackages.all(rows, PgRequests::fromRow));
  }

  @Override
  public Future<Long> count(Query q) {
    Filtered f = filtered("SELECT count(*) FROM assignment_request", q);
    return client
        .preparedQuery(f.sql())
        .execute(f.params())
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
