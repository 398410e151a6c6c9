package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code $filter}: the subset of the OData 4 expression grammar that Graph's list
 * endpoints document, read by a recursive-descent parser (see decision 0015).
 *
 * <pre>
 * or      := and ('or' and)*
 * and     := primary ('and' primary)*
 * primary := '(' or ')' | call | path '/any(' var ':' or ')' | operand op literal
 *          | operand 'in' '(' literal (',' literal)* ')'
 * call    := ('contains' | 'startswith' | 'endswith') '(' operand ',' literal ')'
 * operand := path | 'tolower(' path ')'
 * op      := 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'
 * literal := 'text' (quote doubled) | guid | datetime | number | true | false | null
 * </pre>
 */
public sealed interface ODataFilter {
  int MAX_LENGTH = 4096;
  int MAX_DEPTH = 32;
  int MAX_VALUES = 200;

  /** The kind of a literal, as its spelling says. */
  enum Kind {
    STRING,
    GUID,
    DATETIME,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /** A literal value; text is the unquoted, unescaped spelling. */
  record Literal(Kind kind, String text) {}

  /** {@code property op value}, where {@code op} is eq, ne, gt, ge, lt or le. */
  record Compare(String property, boolean lower, String op, Literal value) implements ODataFilter {}

  /** {@code property in (values)}. */
  record In(String property, boolean lower, List<Literal> values) implements ODataFilter {
    public In {
      values = List.copyOf(values); // immutable: parsed filters are shared (Memo)
    }
  }

  /** {@code function(property, 'value')} for contains, startswith and endswith. */
  record Call(String function, String property, boolean lower, Literal value)
      implements ODataFilter {}

  /** Both sides hold. */
  record And(ODataFilter left, ODataFilter right) implements ODataFilter {}

  /** Either side holds. */
  record Or(ODataFilter left, ODataFilter right) implements ODataFilter {}

  /** {@code collection/any(v: body)}, with the body's properties relative to the variable. */
  record Any(String collection, ODataFilter body) implements ODataFilter {}

  /** Parses {@code text}, refusing anything outside the grammar above as InvalidModel. */
  static ODataFilter parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw DomainException.invalid("$filter", "'$filter' is longer than " + MAX_LENGTH);
    }
    ODataFilter known = Memo.PARSED.get(text);
    if (known != null) {
      return known;
    }
    ODataFilter parsed = parseAnew(text);
    if (Memo.PARSED.size() >= Memo.CAPACITY) {
      Memo.PARSED.clear();
    }
    Memo.PARSED.put(text, parsed);
    return parsed;
  }

  /**
   * Filters already parsed, by their text: clients send the same few filters again and again, and a
   * filter is a tree of immutable records, so one parse serves them all (parsing was 4% of a
   * role-assignment page's CPU, done twice per request: by the route's option check and its
   * reader). At most {@link #CAPACITY} texts; past that, all are forgotten at once. A text that
   * does not parse is never remembered: it is refused each time it comes.
   */
  final class Memo {
    static final int CAPACITY = 1_024;
    static final java.util.Map<String, ODataFilter> PARSED =
        new java.util.concurrent.ConcurrentHashMap<>();

    private Memo() {}
  }

  private static ODataFilter parseAnew(String text) {
    Parser p = new Parser(text);
    ODataFilter f = p.or(0, null);
    p.end();
    return f;
  }

  /** The leaves of a filter, each with its property and operator, as checks want them. */
  static void leaves(ODataFilter f, String prefix, List<Leaf> out) {
    if (f instanceof Compare c) {
      out.add(new Leaf(prefix + c.property(), (c.lower() ? "tolower:" : "") + c.op()));
    } else if (f instanceof In in) {
      out.add(new Leaf(prefix + in.property(), (in.lower() ? "tolower:" : "") + "in"));
    } else if (f instanceof Call c) {
      out.add(new Leaf(prefix + c.property(), (c.lower() ? "tolower:" : "") + c.function()));
    } else if (f instanceof And a) {
      leaves(a.left(), prefix, out);
      leaves(a.right(), prefix, out);
    } else if (f instanceof Or o) {
      leaves(o.left(), prefix, out);
      leaves(o.right(), prefix, out);
    } else if (f instanceof Any a) {
      out.add(new Leaf(prefix + a.collection(), "any"));
      leaves(a.body(), prefix + a.collection() + "/", out);
    }
  }

  /** One condition of a filter: a property and the operator applied to it. */
  record Leaf(String property, String op) {}

  /** The recursive-descent reader; depth bounds nesting so no input can exhaust the stack. */
  final class Parser {
    private static final Pattern GUID =
        Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATETIME =
        Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final Set<String> COMPARE = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Set<String> CALLS = Set.of("contains", "startswith", "endswith");

    private final String s;
    private int i;

    private Parser(String s) {
      this.s = s;
    }

    private DomainException bad(String what) {
      return DomainException.invalid(
          "$filter", "'$filter' is malformed at position " + i + ": " + what);
    }

    ODataFilter or(int depth, String variable) {
      if (depth > MAX_DEPTH) {
        throw bad("nested more than " + MAX_DEPTH + " deep");
      }
      ODataFilter left = and(depth, variable);
      while (keyword("or")) {
        left = new Or(left, and(depth, variable));
      }
      return left;
    }

    private ODataFilter and(int depth, String variable) {
      ODataFilter left = primary(depth, variable);
      while (keyword("and")) {
        left = new And(left, primary(depth, variable));
      }
      return left;
    }

    private ODataFilter primary(int depth, String variable) {
      if (optional('(')) {
        ODataFilter inner = or(depth + 1, variable);
        expect(')');
        return inner;
      }
      int start = i;
      String word = name();
      if (CALLS.contains(word) && optional('(')) {
        boolean lower = lowerFollows();
        String property = lower ? lowered(variable) : path(name(), variable);
        expect(',');
        Literal value = literal();
        expect(')');
        if (value.kind() != Kind.STRING) {
          throw bad(word + " takes a quoted text");
        }
        return new Call(word, property, lower, value);
      }
      boolean lower = false;
      String property;
      if (word.equals("tolower") && optional('(')) {
        lower = true;
        property = path(name(), variable);
        expect(')');
      } else {
        int slash = word.lastIndexOf('/');
        if (slash > 0 && word.endsWith("/any") && variable == null) {
          String collection = word.substring(0, slash);
          expect('(');
          String v = name();
          if (v.contains("/")) {
            throw bad("expected a lambda variable");
          }
          expect(':');
          ODataFilter body = or(depth + 1, v);
          expect(')');
          return new Any(collection, body);
        }
        property = path(word, variable);
      }
      skipSpace();
      int opAt = i;
      String op = name();
      if (op.equals("in")) {
        expect('(');
        List<Literal> values = new ArrayList<>();
        do {
          values.add(literal());
          if (values.size() > MAX_VALUES) {
            throw bad("'in' takes at most " + MAX_VALUES + " values");
          }
        } while (optional(','));
        expect(')');
        return new In(property, lower, values);
      }
      if (!COMPARE.contains(op)) {
        i = opAt;
        throw bad("expected an operator after '" + s.substring(start, opAt).trim() + "'");
      }
      return new Compare(property, lower, op, literal());
    }

    private boolean lowerFollows() {
      int mark = i;
      skipSpace();
      if (s.startsWith("tolower", i)) {
        i += "tolower".length();
        if (optional('(')) {
          return true;
        }
      }
      i = mark;
      return false;
    }

    private String lowered(String variable) {
      String property = path(name(), variable);
      expect(')');
      return property;
    }

    /** A property path; inside a lambda it must start with the variable, which is dropped. */
    private String path(String word, String variable) {
      if (variable == null) {
        return word;
      }
      if (!word.startsWith(variable + "/") || word.length() == variable.length() + 1) {
        throw bad("inside the lambda, properties start with '" + variable + "/'");
      }
      return word.substring(variable.length() + 1);
    }

    private String name() {
      skipSpace();
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        // '.' for a cast segment, as in scope/microsoft.graph.accessReviewQueryScope/query
        boolean part =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || c == '/'
                || (c == '.' && i > start);
        if (!part && !(i > start && c >= '0' && c <= '9')) {
          break;
        }
        i++;
      }
      if (start == i) {
        throw bad("expected a name");
      }
      String name = s.substring(start, i);
      if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
        throw bad("'" + name + "' is not a property path");
      }
      return name;
    }

    private Literal literal() {
      skipSpace();
      if (i < s.length() && s.charAt(i) == '\'') {
        return new Literal(Kind.STRING, quoted());
      }
      int start = i;
      while (i < s.length() && " ,)".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String word = s.substring(start, i);
      if (GUID.matcher(word).matches()) {
        return new Literal(Kind.GUID, word.toLowerCase(Locale.ROOT));
      }
      if (DATETIME.matcher(word).matches()) {
        return new Literal(Kind.DATETIME, word);
      }
      if (NUMBER.matcher(word).matches()) {
        return new Literal(Kind.NUMBER, word);
      }
      if (word.equals("true") || word.equals("false")) {
        return new Literal(Kind.BOOLEAN, word);
      }
      if (word.equals("null")) {
        return new Literal(Kind.NULL, word);
      }
      i = start;
      throw bad("expected a value");
    }

    private String quoted() {
      StringBuilder out = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) {
          throw bad("unterminated quoted value");
        }
        char c = s.charAt(i++);
        if (c != '\'') {
          out.append(c);
        } else if (i < s.length() && s.charAt(i) == '\'') {
          out.append('\'');
          i++;
        } else {
          return out.toString();
        }
      }
    }

    private void skipSpace() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }

    private boolean keyword(String word) {
      skipSpace();
      int after = i + word.length();
      if (s.startsWith(word, i) && after < s.length() && s.charAt(after) == ' ') {
        i = after;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!optional(c)) {
        throw bad("expected '" + c + "'");
      }
    }

    private boolean optional(char c) {
      skipSpace();
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    void end() {
      skipSpace();
      if (i != s.length()) {
        throw bad("unexpected text");
      }
    }
  }
}
