package dev.steward.adapter.http.assignments;

import dev.steward.adapter.http.GraphJson;
import dev.steward.domain.Assignment;
import io.vertx.core.json.JsonObject;

/** Assignments in Graph's accessPackageAssignment shape (kept in GraphJson: requests expand it). */
final class AssignmentJson {
  private AssignmentJson() {}

  static JsonObject assignment(Assignment a) {
    return GraphJson.assignment(a);
  }
}
