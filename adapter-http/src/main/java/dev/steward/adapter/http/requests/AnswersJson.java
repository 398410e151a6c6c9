package dev.steward.adapter.http.requests;

import dev.steward.adapter.http.Bodies;
import dev.steward.domain.Answer;
import dev.steward.domain.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A request's {@code answers} in Graph's accessPackageAnswerString shape, read and written. */
final class AnswersJson {
  private static final String ANSWER_TYPE = "#microsoft.graph.accessPackageAnswerString";
  private static final int MAX_ANSWERS = 100;

  private AnswersJson() {}

  static List<Answer> read(JsonObject body) {
    Object raw = body.getValue("answers");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array)) {
      throw DomainException.invalid("answers", "'answers' must be an array");
    }
    if (array.size() > MAX_ANSWERS) {
      throw DomainException.invalid(
          "answers", "'answers' has more than " + MAX_ANSWERS + " entries");
    }
    List<Answer> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "answers[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject a)) {
        throw DomainException.invalid(at, "'" + at + "' must be an object");
      }
      Bodies.only(a, at, Set.of("@odata.type", "value", "displayValue", "answeredQuestion"));
      String type = Bodies.optionalString(a, "@odata.type").orElse(ANSWER_TYPE);
      if (!ANSWER_TYPE.equals(type)) {
        throw DomainException.invalid(
            at + ".@odata.type", "'" + at + ".@odata.type' must be " + ANSWER_TYPE);
      }
      JsonObject q =
          Bodies.optionalObject(a, "answeredQuestion")
              .orElseThrow(
                  () ->
                      DomainException.invalid(
                          at + ".answeredQuestion", "'" + at + ".answeredQuestion' is required"));
      Bodies.only(q, at + ".answeredQuestion", Set.of("@odata.type", "id"));
      String id = Bodies.requiredString(q, "id");
      String value =
          Bodies.optionalString(a, "value")
              .orElseThrow(
                  () -> DomainException.invalid(at + ".value", "'" + at + ".value' is required"));
      out.add(Answer.given(id, value));
    }
    return out;
  }

  static JsonArray write(List<Answer> answers) {
    JsonArray out = new JsonArray();
    for (Answer a : answers) {
      out.add(
          new JsonObject()
              .put("@odata.type", ANSWER_TYPE)
              .put("value", a.value())
              .put("displayValue", a.displayValue())
              .put(
                  "answeredQuestion",
                  new JsonObject()
                      .put("@odata.type", a.questionType())
                      .put("id", a.questionId())
                      .put("text", a.questionText())));
    }
    return out;
  }
}
