package dev.steward.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A requestor's answer to one of the policy's questions (Graph's {@code
 * accessPackageAnswerString}), kept on the request with the question's text as it was asked, so
 * approvers read both.
 */
public record Answer(
    String questionId,
    String questionType,
    String questionText,
    String value,
    String displayValue) {
  /** The longest answer taken: bounds the work a policy's pattern can cause. */
  public static final int MAX_VALUE = 1000;

  /** Steps a pattern may take on one answer before the answer is refused. */
  static final long MAX_PATTERN_STEPS = 200_000;

  public Answer {
    Objects.requireNonNull(questionId, "questionId");
    Objects.requireNonNull(value, "value");
    questionType = questionType == null ? "" : questionType;
    questionText = questionText == null ? "" : questionText;
    displayValue = displayValue == null ? value : displayValue;
  }

  /** An answer as the requestor gives it: the question's id and the value. */
  public static Answer given(String questionId, String value) {
    return new Answer(questionId, null, null, value, null);
  }

  /**
   * Checks the answers against the policy's questions and returns them completed with the
   * questions' types and texts: each required question answered, no unknown question, text within
   * bounds and matching the pattern, choices among those offered, one answer unless several are
   * allowed. A refusal names the question.
   */
  public static List<Answer> validate(List<Question> questions, List<Answer> given) {
    Map<String, Question> byId = new HashMap<>();
    questions.forEach(q -> byId.put(q.id(), q));
    Map<String, List<Answer>> answered = new HashMap<>();
    for (Answer a : given) {
      if (!byId.containsKey(a.questionId())) {
        throw DomainException.invalid(
            "answers", "the policy asks no question with id '" + a.questionId() + "'");
      }
      answered.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a);
    }
    List<Answer> out = new ArrayList<>();
    for (Question q : questions) {
      List<Answer> mine = answered.getOrDefault(q.id(), List.of());
      mine = mine.stream().filter(a -> !a.value().isBlank()).toList();
      if (mine.isEmpty()) {
        if (q.isRequired()) {
          throw DomainException.invalid(
              "answers", "question '" + q.text() + "' (" + q.id() + ") needs an answer");
        }
        continue;
      }
      if (q instanceof Question.TextInput t) {
        if (mine.size() > 1) {
          throw DomainException.invalid("answers", "question '" + q.text() + "' takes one answer");
        }
        String v = mine.get(0).value();
        if (v.length() > MAX_VALUE) {
          throw DomainException.invalid(
              "answers",
              "the answer to question '"
                  + q.text()
                  + "' is longer than "
                  + MAX_VALUE
                  + " characters");
        }
        if (t.isSingleLineQuestion() && (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
          throw DomainException.invalid(
              "answers", "the answer to question '" + q.text() + "' must be one line");
        }
        if (t.regexPattern() != null && !matches(t.regexPattern(), v)) {
          throw DomainException.invalid(
              "answers",
              "the answer to question '" + q.text() + "' does not have the form it asks for");
        }
        out.add(new Answer(q.id(), q.odataType(), q.text(), v, v));
      } else if (q instanceof Question.MultipleChoice m) {
        if (mine.size() > 1 && !m.allowsMultipleSelection()) {
          throw DomainException.invalid("answers", "question '" + q.text() + "' takes one choice");
        }
        for (Answer a : mine) {
          Question.Choice choice =
              m.choices().stream()
                  .filter(c -> c.actualValue().equals(a.value()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          DomainException.invalid(
                              "answers",
                              "'"
                                  + shorten(a.value())
                                  + "' is not a choice question '"
                                  + q.text()
                                  + "' offers"));
          out.add(new Answer(q.id(), q.odataType(), q.text(), a.value(), choice.text()));
        }
      }
    }
    return out;
  }

  private static String shorten(String v) {
    return v.length() > 60 ? v.substring(0, 60) + "…" : v;
  }

  /**
   * Whether the whole value matches; the pattern reads the value through a sequence that counts its
   * steps, so a pattern that backtracks without end is stopped and the answer refused.
   */
  static boolean matches(String pattern, String value) {
    try {
      return Pattern.compile(pattern).matcher(new Bounded(value, MAX_PATTERN_STEPS)).matches();
    } catch (Bounded.TooMuchWork e) {
      return false;
    }
  }

  /** A character sequence that gives up after a number of reads. */
  private static final class Bounded implements CharSequence {
    private final CharSequence text;
    private final long[] budget;

    Bounded(CharSequence text, long budget) {
      this(text, new long[] {budget});
    }

    private Bounded(CharSequence text, long[] budget) {
      this.text = text;
      this.budget = budget;
    }

    static final class TooMuchWork extends RuntimeException {
      private static final long serialVersionUID = 1L;

      TooMuchWork() {
        super("the pattern took too many steps", null, false, false);
      }
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new TooMuchWork();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Bounded(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
