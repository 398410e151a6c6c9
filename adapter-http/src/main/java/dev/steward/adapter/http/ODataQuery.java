package dev.steward.adapter.http;

import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The OData query options Steward understands: {@code $top}, {@code $skiptoken}, {@code $expand}
 * and the small {@code $filter} language of Graph's list endpoints — {@code field eq 'value'} and
 * {@code field in ('a','b')}, joined by {@code and}. Anything else is refused as InvalidModel.
 */
public final class ODataQuery {
  static final int MAX_FILTER_LENGTH = 4096;
  static final int MAX_VALUES = 200;

  private ODataQuery() {}

  public static int top(RoutingContext ctx, int defaultTop, int max) {
    String raw = single(ctx, "$top");
    if (raw == null) {
      return defaultTop;
    }
    try {
      int top = Integer.parseInt(raw);
      if (top >= 1 && top <= max) {
        return top;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.invalid("$top", "'$top' must be a whole number from 1 to " + max);
  }

  /** The id after which the next page starts, or null on the first page. */
  public static String skipToken(RoutingContext ctx) {
    String raw = single(ctx, "$skiptoken");
    if (raw == null) {
      return null;
    }
    try {
      String after = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
      if (Guid.isValid(after)) {
        return after;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw DomainException.invalid("$skiptoken", "'$skiptoken' is not one Steward handed out");
  }

  static String token(String afterId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(afterId.getBytes(StandardCharsets.UTF_8));
  }

  public static Set<String> expand(RoutingContext ctx, Set<String> allowed) {
    String raw = single(ctx, "$expand");
    Set<String> found = new LinkedHashSet<>();
    if (raw == null || raw.isBlank()) {
      return found;
    }
    for (String part : raw.split(",")) {
      String name = part.trim();
      if (!allowed.contains(name)) {
        throw DomainException.invalid(
            "$expand", "'$expand' supports " + String.join(", ", allowed) + "; not '" + name + "'");
      }
      found.add(name);
    }
    return found;
  }

  public static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw DomainException.invalid(name, "'" + name + "' is given more than once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Parses a filter into the allowed values of each field: a field named twice keeps only values
   * both clauses allow.
   */
  public static Map<String, Set<String>> filter(String text, Set<String> fields) {
    Map<String, Set<String>> result = new HashMap<>();
    if (text == null || text.isBlank()) {
      return result;
    }
    if (text.length() > MAX_FILTER_LENGTH) {
      throw DomainException.invalid("$filter", "'$filter' is longer than " + MAX_FILTER_LENGTH);
    }
    Lexer lx = new Lexer(text);
    do {
      String field = lx.word();
      if (!fields.contains(field)) {
        throw DomainException.invalid(
            "$filter", "'$filter' can use " + String.join(", ", fields) + "; not '" + field + "'");
      }
      String op = lx.word();
      Set<String> values = new LinkedHashSet<>();
      if (op.equals("eq")) {
        values.add(lx.literal());
      } else if (op.equals("in")) {
        lx.expect('(');
        do {
          values.add(lx.literal());
          if (values.size() > MAX_VALUES) {
            throw DomainException.invalid(
                "$filter", "'in' takes at most " + MAX_VALUES + " values");
          }
        } while (lx.optional(','));
        lx.expect(')');
      } else {
        throw DomainException.invalid(
            "$filter", "'$filter' supports 'eq' and 'in'; not '" + op + "'");
      }
      result.merge(
          field,
          values,
          (a, b) -> {
            Set<String> both = new LinkedHashSet<>(a);
            both.retainAll(b);
            return both;
          });
    } while (lx.andFollows());
    lx.end();
    return result;
  }

  /**
   * The one value a filter allows for {@code field}, as {@code id} reads it; empty when the filter
   * leaves the field out, refused when it allows several.
   */
  public static <T> Optional<T> one(
      Map<String, Set<String>> filter, String field, Function<String, T> id) {
    return Optional.ofNullable(filter.get(field))
        .map(
            values -> {
              if (values.size() != 1) {
                throw DomainException.invalid("$filter", "filter on one " + field + " at a time");
              }
              return id.apply(values.iterator().next());
            });
  }

  /** A hand-written lexer for the filter language above. */
  private static final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
    }

    private void skipSpace() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }

    private DomainException bad(String what) {
      return DomainException.invalid(
          "$filter", "'$filter' is malformed at position " + i + ": " + what);
    }

    String word() {
      skipSpace();
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '/')) {
        i++;
      }
      if (start == i) {
        throw bad("expected a name");
      }
      return s.substring(start, i);
    }

    String literal() {
      skipSpace();
      if (i >= s.length() || s.charAt(i) != '\'') {
        throw bad("expected a quoted value");
      }
      StringBuilder out = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) {
          throw bad("unterminated quoted value");
        }
        char c = s.charAt(i++);
        if (c == '\'') {
          if (i < s.length() && s.charAt(i) == '\'') {
            out.append('\'');
            i++;
          } else {
            return out.toString();
          }
        } else {
          out.append(c);
        }
      }
    }

    void expect(char c) {
      skipSpace();
      if (i >= s.length() || s.charAt(i) != c) {
        throw bad("expected '" + c + "'");
      }
      i++;
    }

    boolean optional(char c) {
      skipSpace();
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    boolean andFollows() {
      skipSpace();
      if (s.startsWith("and ", i)) {
        i += 4;
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
