package dev.steward.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A rule over user attributes in the documented subset of Entra's dynamic membership rules, such as
 * {@code (user.department -eq "Sales") -and -not (user.employeeType -in ["Contractor","Intern"])}.
 * Parsed by a recursive-descent grammar (precedence, from loosest: {@code -or}, {@code -and},
 * {@code -not}, comparisons); a malformed rule is refused with the position where it goes wrong.
 */
public sealed interface MembershipRule {
  /** Rules longer than Entra's own limit are refused. */
  int MAX_LENGTH = 3072;

  /** Values a -in list may hold. */
  int MAX_LIST = 100;

  /** The Graph user properties the rule names, as written. */
  default Set<String> properties() {
    Set<String> out = new LinkedHashSet<>();
    collect(this, out);
    return out;
  }

  private static void collect(MembershipRule r, Set<String> out) {
    if (r instanceof And a) {
      a.rules().forEach(x -> collect(x, out));
    } else if (r instanceof Or o) {
      o.rules().forEach(x -> collect(x, out));
    } else if (r instanceof Not n) {
      collect(n.rule(), out);
    } else if (r instanceof Comparison c) {
      out.add(c.property());
    }
  }

  /** Both (or all) hold. */
  record And(List<MembershipRule> rules) implements MembershipRule {
    public And {
      rules = List.copyOf(rules);
    }
  }

  /** Either (or any) holds. */
  record Or(List<MembershipRule> rules) implements MembershipRule {
    public Or {
      rules = List.copyOf(rules);
    }
  }

  /** The rule does not hold. */
  record Not(MembershipRule rule) implements MembershipRule {
    public Not {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /**
   * {@code user.<property> <operator> <value>}: values holds one string, several for the list
   * operators, or none when the value is {@code null} (the attribute is absent).
   */
  record Comparison(String property, Operator operator, List<String> values)
      implements MembershipRule {
    public Comparison {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(operator, "operator");
      values = List.copyOf(values);
    }

    /** {@code -eq null} or {@code -ne null}: whether the attribute is there at all. */
    public boolean isNullTest() {
      return values.isEmpty();
    }
  }

  /** The comparison operators of the subset. */
  enum Operator {
    EQ("-eq"),
    NE("-ne"),
    STARTS_WITH("-startsWith"),
    NOT_STARTS_WITH("-notStartsWith"),
    CONTAINS("-contains"),
    NOT_CONTAINS("-notContains"),
    IN("-in"),
    NOT_IN("-notIn");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public boolean takesList() {
      return this == IN || this == NOT_IN;
    }

    /** The operator this one negates, or itself when it is positive. */
    public boolean negated() {
      return this == NE || this == NOT_STARTS_WITH || this == NOT_CONTAINS || this == NOT_IN;
    }
  }

  /**
   * Parses a rule; {@code field} names it in the message of a refusal, which gives the position
   * (from 1) where the rule goes wrong.
   */
  static MembershipRule parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw DomainException.invalid(field, "'" + field + "' is required");
    }
    if (text.length() > MAX_LENGTH) {
      throw DomainException.invalid(
          field, "'" + field + "' is longer than " + MAX_LENGTH + " characters");
    }
    return new Parser(text, field).rule();
  }

  /** Recursive descent over the rule's tokens. */
  final class Parser {
    private static final int MAX_DEPTH = 50;
    private final String text;
    private final String field;
    private int pos;
    private int depth;

    private Parser(String text, String field) {
      this.text = text;
      this.field = field;
    }

    MembershipRule rule() {
      MembershipRule r = or();
      skipSpace();
      if (pos < text.length()) {
        throw error("expected -and, -or or the end of the rule");
      }
      return r;
    }

    private MembershipRule or() {
      List<MembershipRule> parts = new ArrayList<>();
      parts.add(and());
      while (keyword("-or")) {
        parts.add(and());
      }
      return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    private MembershipRule and() {
      List<MembershipRule> parts = new ArrayList<>();
      parts.add(unary());
      while (keyword("-and")) {
        parts.add(unary());
      }
      return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    private MembershipRule unary() {
      if (++depth > MAX_DEPTH) {
        throw error("the rule nests more than " + MAX_DEPTH + " levels");
      }
      try {
        if (keyword("-not")) {
          return new Not(unary());
        }
        skipSpace();
        if (peek() == '(') {
          pos++;
          MembershipRule inner = or();
          skipSpace();
          if (peek() != ')') {
            throw error("expected ')'");
          }
          pos++;
          return inner;
        }
        return comparison();
      } finally {
        depth--;
      }
    }

    private MembershipRule comparison() {
      skipSpace();
      int start = pos;
      String word = word();
      if (word.isEmpty()) {
        throw error("expected a property such as user.department, '(' or -not");
      }
      if (!word.regionMatches(true, 0, "user.", 0, 5) || word.length() == 5) {
        pos = start;
        throw error("expected a user property such as user.department, found '" + word + "'");
      }
      String property = word.substring(5);
      if (!property.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
        pos = start;
        throw error("'" + word + "' is not a property name");
      }
      skipSpace();
      int opStart = pos;
      String opWord = word();
      Operator op = operator(opWord);
      if (op == null) {
        pos = opStart;
        throw error(
            opWord.isEmpty()
                ? "expected an operator such as -eq"
                : "'"
                    + opWord
                    + "' is not a supported operator (use -eq, -ne, -startsWith, -notStartsWith,"
                    + " -contains, -notContains, -in or -notIn)");
      }
      skipSpace();
      if (op.takesList()) {
        return new Comparison(property, op, list());
      }
      if (peek() == '[') {
        throw error(op.text() + " compares with one value; -in and -notIn take a list");
      }
      if (word("null")) {
        if (op != Operator.EQ && op != Operator.NE) {
          pos -= 4;
          throw error("only -eq and -ne compare with null");
        }
        return new Comparison(property, op, List.of());
      }
      String value = string();
      if (value.isEmpty()) {
        throw error("an empty value matches nothing useful: compare with null instead");
      }
      return new Comparison(property, op, List.of(value));
    }

    private List<String> list() {
      if (peek() != '[') {
        throw error("expected a list such as [\"a\",\"b\"]");
      }
      pos++;
      List<String> values = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        throw error("the list is empty");
      }
      while (true) {
        skipSpace();
        String v = string();
        if (v.isEmpty()) {
          throw error("an empty value in a list matches nothing useful");
        }
        values.add(v);
        if (values.size() > MAX_LIST) {
          throw error("a list holds at most " + MAX_LIST + " values");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
          continue;
        }
        if (peek() == ']') {
          pos++;
          return values;
        }
        throw error("expected ',' or ']'");
      }
    }

    /** A double-quoted string; a backtick escapes the next character, as Entra's rules do. */
    private String string() {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a value in double quotes");
      }
      int start = pos;
      pos++;
      StringBuilder out = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '`') {
          if (pos >= text.length()) {
            break;
          }
          out.append(text.charAt(pos++));
        } else if (c == '"') {
          return out.toString();
        } else {
          out.append(c);
        }
      }
      pos = start;
      throw error("the value has no closing '\"'");
    }

    private static Operator operator(String word) {
      for (Operator o : Operator.values()) {
        if (o.text().equalsIgnoreCase(word)) {
          return o;
        }
      }
      return null;
    }

    /** A run of letters, digits, dots, hyphens and underscores. */
    private String word() {
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
          pos++;
        } else {
          break;
        }
      }
      return text.substring(start, pos);
    }

    /** Consumes the keyword (any case) when it comes next as a whole word. */
    private boolean keyword(String k) {
      skipSpace();
      int start = pos;
      String w = word();
      if (w.toLowerCase(Locale.ROOT).equals(k)) {
        return true;
      }
      pos = start;
      return false;
    }

    private boolean word(String k) {
      int start = pos;
      String w = word();
      if (w.equals(k)) {
        return true;
      }
      pos = start;
      return false;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private DomainException error(String what) {
      return DomainException.invalid(
          field, "'" + field + "' is not a valid rule at position " + (pos + 1) + ": " + what);
    }
  }
}
