package dev.steward.application.port.out.directory;

import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which users or groups a listing asks for: every condition given must hold (an empty one is no
 * condition), in the order of {@link #ORDER}, starting after {@code after}, at most {@code limit}.
 *
 * @param displayNameEquals the whole display name, compared without regard to case
 * @param displayNameStartsWith the start of the display name, without regard to case
 * @param mailEquals the whole mail address, without regard to case
 * @param ids any of these ids (empty: any id)
 * @param search the start of the display name, login or mail ({@code $search}); empty: no search
 * @param after the last item of the page before; empty on the first page
 */
public record DirectoryQuery(
    PrincipalType type,
    Optional<String> displayNameEquals,
    Optional<String> displayNameStartsWith,
    Optional<String> mailEquals,
    Set<PrincipalId> ids,
    String search,
    Optional<Cursor> after,
    int limit) {
  /** The most ids one query may name, as Graph's own limit on {@code in}. */
  public static final int MAX_IDS = 15;

  /** The longest text a condition may compare with. */
  public static final int MAX_TEXT = 256;

  /** The listing order: display name without regard to case, then id; stable across pages. */
  public static final Comparator<Principal> ORDER =
      Comparator.comparing((Principal p) -> p.displayName().toLowerCase(Locale.ROOT))
          .thenComparing(p -> p.id().value());

  public DirectoryQuery {
    java.util.Objects.requireNonNull(type, "type");
    ids = Set.copyOf(ids);
    search = search == null ? "" : search;
    if (ids.size() > MAX_IDS) {
      throw DomainException.invalid(
          "$filter", "'$filter' names at most " + MAX_IDS + " ids; it names " + ids.size());
    }
    for (Optional<String> text :
        java.util.List.of(displayNameEquals, displayNameStartsWith, mailEquals)) {
      if (text.map(String::length).orElse(0) > MAX_TEXT) {
        throw DomainException.invalid(
            "$filter", "'$filter' compares with text of at most " + MAX_TEXT + " characters");
      }
    }
    if (search.length() > MAX_TEXT) {
      throw DomainException.invalid(
          "$search", "the search text is longer than " + MAX_TEXT + " characters");
    }
  }

  /** Every user or group of a type, first page. */
  public static DirectoryQuery all(PrincipalType type, int limit) {
    return new DirectoryQuery(
        type,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        "",
        Optional.empty(),
        limit);
  }

  public DirectoryQuery withDisplayName(String name) {
    return new DirectoryQuery(
        type, Optional.of(name), displayNameStartsWith, mailEquals, ids, search, after, limit);
  }

  public DirectoryQuery withDisplayNameStartingWith(String start) {
    return new DirectoryQuery(
        type, displayNameEquals, Optional.of(start), mailEquals, ids, search, after, limit);
  }

  public DirectoryQuery withMail(String mail) {
    return new DirectoryQuery(
        type,
        displayNameEquals,
        displayNameStartsWith,
        Optional.of(mail),
        ids,
        search,
        after,
        limit);
  }

  public DirectoryQuery withIds(Set<PrincipalId> only) {
    return new DirectoryQuery(
        type, displayNameEquals, displayNameStartsWith, mailEquals, only, search, after, limit);
  }

  public DirectoryQuery withSearch(String text) {
    return new DirectoryQuery(
        type, displayNameEquals, displayNameStartsWith, mailEquals, ids, text, after, limit);
  }

  public DirectoryQuery after(Cursor last) {
    return new DirectoryQuery(
        type,
        displayNameEquals,
        displayNameStartsWith,
        mailEquals,
        ids,
        search,
        Optional.of(last),
        limit);
  }

  /**
   * Whether the principal meets every condition, as a directory that compares text without regard
   * to case does: the reference the in-memory directory follows and the LDAP one is tested against.
   */
  public boolean matches(Principal p) {
    String name = lower(p.displayName());
    return p.type() == type
        && displayNameEquals.map(v -> name.equals(lower(v))).orElse(true)
        && displayNameStartsWith.map(v -> name.startsWith(lower(v))).orElse(true)
        && mailEquals.map(v -> lower(p.mail()).equals(lower(v)) && !v.isEmpty()).orElse(true)
        && (ids.isEmpty() || ids.contains(p.id()))
        && (search.isEmpty()
            || name.startsWith(lower(search))
            || lower(p.login()).startsWith(lower(search))
            || lower(p.mail()).startsWith(lower(search)));
  }

  /** Whether the principal comes after the cursor in {@link #ORDER}. */
  public boolean isAfter(Principal p) {
    return after.map(c -> ORDER.compare(p, c.asPrincipal(type)) > 0).orElse(true);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Where a page ended: the display name and id of its last item. */
  public record Cursor(String displayName, PrincipalId id) {
    public Cursor {
      java.util.Objects.requireNonNull(displayName, "displayName");
      java.util.Objects.requireNonNull(id, "id");
    }

    public static Cursor of(Principal last) {
      return new Cursor(last.displayName(), last.id());
    }

    /** The cursor as text: the id, a colon, the display name. */
    public String encode() {
      return id.value() + ":" + displayName;
    }

    /** The cursor {@link #encode} wrote; empty when the text is not one. */
    public static Optional<Cursor> decode(String text) {
      if (text == null
          || text.length() < 37
          || text.length() > 37 + 4096
          || text.charAt(36) != ':') {
        return Optional.empty();
      }
      String id = text.substring(0, 36);
      return Guid.isValid(id)
          ? Optional.of(new Cursor(text.substring(37), new PrincipalId(id)))
          : Optional.empty();
    }

    Principal asPrincipal(PrincipalType type) {
      return new Principal(id, type, displayName, "", "");
    }
  }
}
