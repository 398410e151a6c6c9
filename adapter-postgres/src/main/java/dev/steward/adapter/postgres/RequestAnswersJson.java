package dev.steward.adapter.postgres;

import dev.steward.domain.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's answers, kept beside its stages in the request's own JSON column (the adapter's form,
 * not Graph's): no extra table, and a request is still read with one row.
 */
final class RequestAnswersJson {
  private RequestAnswersJson() {}

  static JsonObject withAnswers(JsonObject stages, List<Answer> answers) {
    if (answers.isEmpty()) {
      return stages;
    }
    JsonArray a = new JsonArray();
    for (Answer x : answers) {
      a.add(
          new JsonObject()
              .put("questionId", x.questionId())
              .put("questionType", x.questionType())
              .put("questionText", x.questionText())
              .put("value", x.value())
              .put("displayValue", x.displayValue()));
    }
    return stages.copy().put("answers", a);
  }

  static List<Answer> answers(JsonObject stages) {
    JsonArray a = stages == null ? null : stages.getJsonArray("answers");
    if (a == null) {
      return List.of();
    }
    List<Answer> out = new ArrayList<>();
    for (Object o : a) {
      JsonObject x = (JsonObject) o;
      out.add(
          new Answer(
              x.getString("questionId"),
              x.getString("questionType"),
              x.getString("questionText"),
              x.getString("value"),
              x.getString("displayValue")));
    }
    return out;
  }
}
