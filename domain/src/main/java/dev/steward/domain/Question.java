package dev.steward.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A question a policy asks requestors (Graph's {@code accessPackageQuestion}): free text, checked
 * against a pattern when the policy gives one, or a choice among offered answers.
 */
public sealed interface Question {
  int MAX_TEXT = 1000;
  int MAX_PATTERN = 500;
  int MAX_QUESTIONS = 20;

  /** Given by Steward when the policy is written; null only before that. */
  String id();

  int sequence();

  boolean isRequired();

  boolean isAnswerEditable();

  String text();

  List<LocalizedText> localizations();

  /** The same question with its id. */
  Question withId(String id);

  /** Graph's {@code @odata.type} of the question. */
  String odataType();

  /** A text in one language. */
  record LocalizedText(String languageCode, String text) {
    public LocalizedText {
      languageCode = Text.require(languageCode, "localizations.languageCode", 35, true);
      text = Text.require(text, "localizations.text", MAX_TEXT, true);
    }
  }

  /** One offered answer: the value stored, and the text shown. */
  record Choice(String actualValue, String text, List<LocalizedText> localizations) {
    public Choice {
      actualValue = Text.require(actualValue, "choices.actualValue", 200, true);
      text = Text.require(text == null ? actualValue : text, "choices.text", MAX_TEXT, true);
      localizations = List.copyOf(localizations);
    }
  }

  /**
   * A free-text question; {@code regexPattern}, when set, must match the whole answer and is
   * compiled when the policy is written (a pattern that does not compile is a 400).
   */
  record TextInput(
      String id,
      int sequence,
      boolean isRequired,
      boolean isAnswerEditable,
      String text,
      List<LocalizedText> localizations,
      boolean isSingleLineQuestion,
      String regexPattern)
      implements Question {
    public TextInput {
      text = Text.require(text, "questions.text", MAX_TEXT, true);
      localizations = List.copyOf(localizations);
      if (regexPattern != null && regexPattern.isEmpty()) {
        regexPattern = null;
      }
      if (regexPattern != null) {
        if (regexPattern.length() > MAX_PATTERN) {
          throw DomainException.invalid(
              "questions.regexPattern",
              "'questions.regexPattern' is longer than " + MAX_PATTERN + " characters");
        }
        try {
          Pattern.compile(regexPattern);
        } catch (PatternSyntaxException e) {
          throw DomainException.invalid(
              "questions.regexPattern",
              "'questions.regexPattern' of question '"
                  + text
                  + "' is not a regular expression: "
                  + e.getDescription()
                  + " near index "
                  + e.getIndex());
        }
      }
    }

    @Override
    public Question withId(String newId) {
      return new TextInput(
          newId,
          sequence,
          isRequired,
          isAnswerEditable,
          text,
          localizations,
          isSingleLineQuestion,
          regexPattern);
    }

    @Override
    public String odataType() {
      return "#microsoft.graph.accessPackageTextInputQuestion";
    }
  }

  /** A choice among offered answers, one or several. */
  record MultipleChoice(
      String id,
      int sequence,
      boolean isRequired,
      boolean isAnswerEditable,
      String text,
      List<LocalizedText> localizations,
      List<Choice> choices,
      boolean allowsMultipleSelection)
      implements Question {
    public MultipleChoice {
      text = Text.require(text, "questions.text", MAX_TEXT, true);
      localizations = List.copyOf(localizations);
      choices = List.copyOf(choices);
      if (choices.isEmpty()) {
        throw DomainException.invalid(
            "questions.choices", "question '" + text + "' offers no choices");
      }
      Set<String> seen = new HashSet<>();
      for (Choice c : choices) {
        if (!seen.add(c.actualValue())) {
          throw DomainException.invalid(
              "questions.choices",
              "question '" + text + "' offers '" + c.actualValue() + "' twice");
        }
      }
    }

    @Override
    public Question withId(String newId) {
      return new MultipleChoice(
          newId,
          sequence,
          isRequired,
          isAnswerEditable,
          text,
          localizations,
          choices,
          allowsMultipleSelection);
    }

    @Override
    public String odataType() {
      return "#microsoft.graph.accessPackageMultipleChoiceQuestion";
    }
  }

  /** Checks a list of questions as a whole: ids are unique when given. */
  static List<Question> checked(List<Question> questions) {
    if (questions.size() > MAX_QUESTIONS) {
      throw DomainException.invalid(
          "questions", "a policy asks at most " + MAX_QUESTIONS + " questions");
    }
    Set<String> ids = new HashSet<>();
    for (Question q : questions) {
      Objects.requireNonNull(q, "question");
      if (q.id() != null && (q.id().isBlank() || q.id().length() > 100)) {
        throw DomainException.invalid(
            "questions.id",
            "a question id is 1 to 100 characters; leave it out for a new question");
      }
      if (q.id() != null && !ids.add(q.id())) {
        throw DomainException.invalid("questions.id", "question id '" + q.id() + "' is used twice");
      }
    }
    return List.copyOf(questions);
  }
}
