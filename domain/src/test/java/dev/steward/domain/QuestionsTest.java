package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Questions on policies and the answers requests carry: read, checked, refused by name. */
class QuestionsTest {
  private static final Question COST_CENTRE =
      new Question.TextInput(
          "q-text", 1, true, false, "Cost centre", List.of(), true, "CC-[0-9]{4}");
  private static final Question REGION =
      new Question.MultipleChoice(
          "q-choice",
          2,
          true,
          false,
          "Region",
          List.of(),
          List.of(
              new Question.Choice("emea", "Europe", List.of()),
              new Question.Choice("amer", "Americas", List.of())),
          false);
  private static final Question TOOLS =
      new Question.MultipleChoice(
          "q-multi",
          3,
          false,
          false,
          "Tools",
          List.of(),
          List.of(
              new Question.Choice("git", null, List.of()),
              new Question.Choice("jira", null, List.of())),
          true);
  private static final List<Question> ALL = List.of(COST_CENTRE, REGION, TOOLS);

  private static String refusal(List<Answer> answers) {
    return assertThrows(DomainException.class, () -> Answer.validate(ALL, answers)).getMessage();
  }

  @Test
  void validAnswersComeBackWithTheQuestionsTextsAndChoiceLabels() {
    List<Answer> out =
        Answer.validate(
            ALL,
            List.of(
                Answer.given("q-text", "CC-1234"),
                Answer.given("q-choice", "emea"),
                Answer.given("q-multi", "git"),
                Answer.given("q-multi", "jira")));
    assertEquals(4, out.size());
    assertEquals("Cost centre", out.get(0).questionText());
    assertEquals("#microsoft.graph.accessPackageTextInputQuestion", out.get(0).questionType());
    assertEquals("Europe", out.get(1).displayValue());
    assertEquals("emea", out.get(1).value());
  }

  @Test
  void aMissingRequiredAnswerIsRefusedNamingTheQuestion() {
    String m = refusal(List.of(Answer.given("q-choice", "emea")));
    assertTrue(m.contains("'Cost centre'") && m.contains("needs an answer"), m);
    String blank = refusal(List.of(Answer.given("q-text", "  "), Answer.given("q-choice", "emea")));
    assertTrue(blank.contains("'Cost centre'"), blank);
  }

  @Test
  void anOptionalQuestionMayGoUnanswered() {
    assertEquals(
        2,
        Answer.validate(
                ALL, List.of(Answer.given("q-text", "CC-0001"), Answer.given("q-choice", "amer")))
            .size());
  }

  @Test
  void anAnswerThatDoesNotMatchThePatternIsRefused() {
    String m = refusal(List.of(Answer.given("q-text", "CC-12"), Answer.given("q-choice", "emea")));
    assertTrue(m.contains("'Cost centre'") && m.contains("form"), m);
    // The pattern must match the whole answer, not a part of it.
    refusal(List.of(Answer.given("q-text", "xCC-1234x"), Answer.given("q-choice", "emea")));
  }

  @Test
  void aChoiceNotOfferedIsRefused() {
    String m =
        refusal(List.of(Answer.given("q-text", "CC-1234"), Answer.given("q-choice", "apac")));
    assertTrue(m.contains("'apac'") && m.contains("'Region'"), m);
  }

  @Test
  void twoChoicesWhereOneIsAllowedAreRefused() {
    String m =
        refusal(
            List.of(
                Answer.given("q-text", "CC-1234"),
                Answer.given("q-choice", "emea"),
                Answer.given("q-choice", "amer")));
    assertTrue(m.contains("takes one choice"), m);
  }

  @Test
  void anAnswerToAQuestionThePolicyDoesNotAskIsRefused() {
    String m = refusal(List.of(Answer.given("nope", "x")));
    assertTrue(m.contains("'nope'"), m);
  }

  @Test
  void aSingleLineAnswerMayNotSpanLines() {
    Question q = new Question.TextInput("q", 1, true, false, "Why", List.of(), true, null);
    assertThrows(
        DomainException.class,
        () -> Answer.validate(List.of(q), List.of(Answer.given("q", "a\nb"))));
  }

  @Test
  void answersAreBoundedInLength() {
    Question q = new Question.TextInput("q", 1, true, false, "Why", List.of(), false, null);
    String m =
        assertThrows(
                DomainException.class,
                () ->
                    Answer.validate(
                        List.of(q), List.of(Answer.given("q", "x".repeat(Answer.MAX_VALUE + 1)))))
            .getMessage();
    assertTrue(m.contains("longer than"), m);
  }

  @Test
  void aPatternThatBacktracksWithoutEndIsStoppedAndTheAnswerRefused() {
    Question evil =
        new Question.TextInput("q", 1, true, false, "Evil", List.of(), true, "(a+)+$|(a|aa)+b");
    String answer = "a".repeat(60) + "!";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThrows(
                DomainException.class,
                () -> Answer.validate(List.of(evil), List.of(Answer.given("q", answer)))));
    assertFalse(Answer.matches("(x+x+)+y", "x".repeat(500)));
  }

  @Test
  void aPatternThatDoesNotCompileIsRefusedWhenThePolicyIsWritten() {
    DomainException e =
        assertThrows(
            DomainException.class,
            () ->
                new Question.TextInput(null, 1, true, false, "Bad", List.of(), true, "(unclosed"));
    assertTrue(e.getMessage().contains("not a regular expression"), e.getMessage());
    assertThrows(
        DomainException.class,
        () ->
            new Question.TextInput(
                null,
                1,
                true,
                false,
                "Long",
                List.of(),
                true,
                "a".repeat(Question.MAX_PATTERN + 1)));
  }

  @Test
  void questionIdsAreBoundedAndUnique() {
    Map<String, Object> twice =
        Map.of(
            "questions",
            List.of(
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageTextInputQuestion",
                    "id",
                    "same",
                    "text",
                    "A"),
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageTextInputQuestion",
                    "id",
                    "same",
                    "text",
                    "B")));
    assertThrows(DomainException.class, () -> PolicyDocument.read(twice));
    Map<String, Object> huge =
        Map.of(
            "questions",
            List.of(
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageTextInputQuestion",
                    "id",
                    "x".repeat(101),
                    "text",
                    "A")));
    assertThrows(DomainException.class, () -> PolicyDocument.read(huge));
  }

  @Test
  void aChoiceQuestionNeedsDistinctChoices() {
    assertThrows(
        DomainException.class,
        () ->
            new Question.MultipleChoice(
                null, 1, true, false, "Empty", List.of(), List.of(), false));
    assertThrows(
        DomainException.class,
        () ->
            new Question.MultipleChoice(
                null,
                1,
                true,
                false,
                "Twice",
                List.of(),
                List.of(
                    new Question.Choice("a", null, List.of()),
                    new Question.Choice("a", null, List.of())),
                false));
  }

  @Test
  void questionsRoundTripThroughGraphsShape() {
    Map<String, Object> body =
        Map.of(
            "questions",
            List.of(
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageTextInputQuestion",
                    "id",
                    "q-text",
                    "sequence",
                    1,
                    "isRequired",
                    true,
                    "text",
                    "Cost centre",
                    "localizations",
                    List.of(Map.of("languageCode", "fr", "text", "Centre de coûts")),
                    "isSingleLineQuestion",
                    true,
                    "regexPattern",
                    "CC-[0-9]{4}"),
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageMultipleChoiceQuestion",
                    "id",
                    "q-choice",
                    "sequence",
                    2,
                    "isRequired",
                    true,
                    "text",
                    "Region",
                    "choices",
                    List.of(
                        Map.of("actualValue", "emea", "text", "Europe"),
                        Map.of("actualValue", "amer", "text", "Americas")),
                    "allowsMultipleSelection",
                    false)));
    AssignmentPolicy.Settings s = PolicyDocument.read(body);
    assertEquals(2, s.questions().size());
    assertEquals("Centre de coûts", s.questions().get(0).localizations().get(0).text());
    assertEquals(s, PolicyDocument.read(PolicyDocument.write(s)));
  }

  @Test
  void anUnknownQuestionPropertyOrTypeIsRefused() {
    Map<String, Object> unknownField =
        Map.of(
            "questions",
            List.of(
                Map.of(
                    "@odata.type",
                    "#microsoft.graph.accessPackageTextInputQuestion",
                    "text",
                    "Why",
                    "answerMaxLength",
                    5)));
    assertTrue(
        assertThrows(DomainException.class, () -> PolicyDocument.read(unknownField))
            .getMessage()
            .contains("answerMaxLength"));
    Map<String, Object> unknownType =
        Map.of("questions", List.of(Map.of("@odata.type", "#microsoft.graph.dateQuestion")));
    assertThrows(DomainException.class, () -> PolicyDocument.read(unknownType));
  }
}
