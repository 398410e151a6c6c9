package dev.steward.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When the instances of an access review run: the first starts at {@code start}, each lasts {@code
 * duration}, and they repeat every {@code interval} weeks or months (or never) until the range
 * ends. Occurrences follow the start date and time: a monthly review that starts on the 31st runs
 * on the last day of shorter months.
 *
 * @param endDate the last day (UTC) on which an instance may start, for range {@code endDate}
 * @param occurrences how many instances run, for range {@code numbered}
 */
public record ReviewSchedule(
    Instant start,
    Duration duration,
    Pattern pattern,
    int interval,
    Range range,
    LocalDate endDate,
    int occurrences) {
  /** How often instances repeat. */
  public enum Pattern {
    ONCE(null),
    WEEKLY("weekly"),
    ABSOLUTE_MONTHLY("absoluteMonthly");

    private final String apiName;

    Pattern(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  /** When repeating stops. */
  public enum Range {
    NO_END("noEnd"),
    END_DATE("endDate"),
    NUMBERED("numbered");

    private final String apiName;

    Range(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  /** An instance that runs for 14 days unless a schedule says otherwise. */
  public static final Duration DEFAULT_DURATION = Duration.ofDays(14);

  public ReviewSchedule {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(range, "range");
    if (duration.compareTo(Duration.ofDays(1)) < 0 || duration.toSeconds() % 86_400 != 0) {
      throw DomainException.invalid(
          "duration", "an instance lasts a whole number of days, at least 1");
    }
    if (pattern != Pattern.ONCE) {
      if (interval < 1 || interval > 12) {
        throw DomainException.invalid("recurrence.pattern.interval", "'interval' must be 1 to 12");
      }
      Instant second = occurrenceStart(start, pattern, interval, 1);
      if (start.plus(duration).isAfter(second)) {
        throw DomainException.invalid(
            "duration", "an instance must end before the next one starts; shorten the duration");
      }
    }
    if (range == Range.END_DATE) {
      Objects.requireNonNull(endDate, "endDate");
      if (endDate.isBefore(LocalDate.ofInstant(start, ZoneOffset.UTC))) {
        throw DomainException.invalid("recurrence.range.endDate", "'endDate' is before the start");
      }
    }
    if (range == Range.NUMBERED && (occurrences < 1 || occurrences > 1000)) {
      throw DomainException.invalid(
          "recurrence.range.numberOfOccurrences", "'numberOfOccurrences' must be 1 to 1000");
    }
  }

  /** One instance, starting at {@code start}, lasting {@code duration}. */
  public static ReviewSchedule once(Instant start, Duration duration) {
    return new ReviewSchedule(start, duration, Pattern.ONCE, 0, Range.NUMBERED, null, 1);
  }

  /** Where the {@code n}th instance (from 0) starts, were there no end. */
  Instant occurrenceStart(int n) {
    return occurrenceStart(start, pattern, interval, n);
  }

  private static Instant occurrenceStart(Instant start, Pattern pattern, int interval, int n) {
    OffsetDateTime first = start.atOffset(ZoneOffset.UTC);
    return switch (pattern) {
      case ONCE -> start;
      case WEEKLY -> first.plusWeeks((long) n * interval).toInstant();
      case ABSOLUTE_MONTHLY -> first.plusMonths((long) n * interval).toInstant();
    };
  }

  /** When the {@code n}th instance (from 0) starts; empty when the schedule has ended by then. */
  public Optional<Instant> startOf(int n) {
    if (n < 0 || (pattern == Pattern.ONCE && n > 0)) {
      return Optional.empty();
    }
    Instant at = occurrenceStart(n);
    return switch (range) {
      case NO_END -> Optional.of(at);
      case NUMBERED -> n < occurrences ? Optional.of(at) : Optional.empty();
      case END_DATE ->
          LocalDate.ofInstant(at, ZoneOffset.UTC).isAfter(endDate)
              ? Optional.empty()
              : Optional.of(at);
    };
  }

  /** The first instance that has not ended by {@code now}, from index {@code from} on. */
  public Optional<Integer> firstNotEndedBy(int from, Instant now) {
    for (int n = Math.max(from, 0); n < from + 10_000; n++) {
      Optional<Instant> at = startOf(n);
      if (at.isEmpty()) {
        return Optional.empty();
      }
      if (at.get().plus(duration).isAfter(now)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------ Graph's shapes

  /**
   * Reads an access package policy's {@code reviewSettings.schedule} (Graph's
   * entitlementManagementSchedule): {@code startDateTime}, {@code expiration} ({@code
   * afterDuration} in days) and {@code recurrence}; every other value is refused.
   */
  public static ReviewSchedule readPolicySchedule(Map<String, Object> map, String at) {
    Fields f = new Fields(at, map);
    f.only("startDateTime", "expiration", "recurrence");
    Instant start = f.instant("startDateTime");
    Duration duration = DEFAULT_DURATION;
    Optional<Fields> exp = f.object("expiration");
    if (exp.isPresent()) {
      Fields e = exp.get();
      e.only("type", "duration", "endDateTime");
      String type = e.string("type").orElse("afterDuration");
      if (!type.equals("afterDuration") || e.map.get("endDateTime") != null) {
        throw DomainException.invalid(
            e.path("type"),
            "'" + e.path("type") + "' must be afterDuration: a review instance lasts some days");
      }
      duration = e.days("duration");
    }
    return withRecurrence(f, start, duration);
  }

  /**
   * Reads a review definition's {@code settings} schedule parts: {@code instanceDurationInDays} and
   * {@code recurrence}; the start is the recurrence range's {@code startDate} or {@code now}.
   */
  public static ReviewSchedule readDefinitionSchedule(
      Fields settings, Instant now, Optional<Integer> durationDays) {
    Instant start = now;
    Optional<Fields> rec = settings.object("recurrence");
    if (rec.isPresent()) {
      Optional<Fields> range = rec.get().object("range");
      Optional<String> startDate = range.flatMap(r -> r.string("startDate"));
      if (startDate.isPresent()) {
        LocalDate d = date(range.get(), "startDate", startDate.get());
        Instant midnight = d.atStartOfDay().toInstant(ZoneOffset.UTC);
        start = midnight.isAfter(now) ? midnight : now;
      }
    }
    Duration duration = Duration.ofDays(durationDays.orElse(14));
    return withRecurrence(settings, start, duration);
  }

  private static ReviewSchedule withRecurrence(Fields f, Instant start, Duration duration) {
    Optional<Fields> rec = f.object("recurrence");
    if (rec.isEmpty()) {
      return once(start, duration);
    }
    Fields r = rec.get();
    r.only("pattern", "range");
    Fields p =
        r.object("pattern")
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        r.path("pattern"), "'" + r.path("pattern") + "' is required"));
    p.only("type", "interval", "dayOfMonth", "daysOfWeek", "firstDayOfWeek", "index", "month");
    p.defaultOnly("dayOfMonth", "month");
    String type = p.string("type").orElse("");
    Pattern pattern =
        switch (type) {
          case "weekly" -> Pattern.WEEKLY;
          case "absoluteMonthly" -> Pattern.ABSOLUTE_MONTHLY;
          default ->
              throw DomainException.invalid(
                  p.path("type"),
                  "'"
                      + p.path("type")
                      + "' must be weekly or absoluteMonthly; instances repeat on the start's"
                      + " weekday or day of the month");
        };
    int interval = p.integer("interval").orElse(1);
    Range range = Range.NO_END;
    LocalDate endDate = null;
    int occurrences = 0;
    Optional<Fields> rg = r.object("range");
    if (rg.isPresent()) {
      Fields g = rg.get();
      g.only("type", "startDate", "endDate", "numberOfOccurrences", "recurrenceTimeZone");
      Optional<String> tz = g.string("recurrenceTimeZone");
      if (tz.isPresent() && !tz.get().isEmpty() && !tz.get().equals("UTC")) {
        throw DomainException.invalid(
            g.path("recurrenceTimeZone"), "'" + g.path("recurrenceTimeZone") + "' must be UTC");
      }
      String rt = g.string("type").orElse("noEnd");
      switch (rt) {
        case "noEnd" -> range = Range.NO_END;
        case "endDate" -> {
          range = Range.END_DATE;
          endDate =
              date(
                  g,
                  "endDate",
                  g.string("endDate")
                      .orElseThrow(
                          () ->
                              DomainException.invalid(
                                  g.path("endDate"), "'" + g.path("endDate") + "' is required")));
        }
        case "numbered" -> {
          range = Range.NUMBERED;
          occurrences = g.integer("numberOfOccurrences").orElse(0);
        }
        default ->
            throw DomainException.invalid(
                g.path("type"), "'" + g.path("type") + "' must be noEnd, endDate or numbered");
      }
    }
    return new ReviewSchedule(start, duration, pattern, interval, range, endDate, occurrences);
  }

  private static LocalDate date(Fields f, String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(
          f.path(field), "'" + f.path(field) + "' must be a date such as 2026-04-01");
    }
  }

  /** The recurrence in Graph's patternedRecurrence shape, or null for a one-time review. */
  public Map<String, Object> recurrenceJson() {
    if (pattern == Pattern.ONCE) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", pattern.apiName());
    p.put("interval", interval);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("type", range.apiName());
    r.put("startDate", LocalDate.ofInstant(start, ZoneOffset.UTC).toString());
    if (range == Range.END_DATE) {
      r.put("endDate", endDate.toString());
    }
    if (range == Range.NUMBERED) {
      r.put("numberOfOccurrences", occurrences);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pattern", p);
    m.put("range", r);
    return m;
  }

  /** The schedule as a policy's {@code reviewSettings.schedule}. */
  public Map<String, Object> policyScheduleJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startDateTime", start.toString());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "afterDuration");
    e.put("duration", "P" + duration.toDays() + "D");
    m.put("expiration", e);
    Map<String, Object> r = recurrenceJson();
    if (r != null) {
      m.put("recurrence", r);
    }
    return m;
  }

  /** One object of a Graph document, with the path that names it in refusals. */
  public static final class Fields {
    private final String at;
    private final Map<String, Object> map;

    public Fields(String at, Map<String, Object> map) {
      this.at = at;
      this.map = map == null ? Map.of() : map;
    }

    public String path(String field) {
      return at.isEmpty() ? field : at + "." + field;
    }

    /** The object's fields as given. */
    public Map<String, Object> map() {
      return map;
    }

    public boolean has(String field) {
      return map.get(field) != null;
    }

    public void only(String... fields) {
      Set<String> known = Set.of(fields);
      for (String key : map.keySet()) {
        if (!known.contains(key) && !key.startsWith("@odata.")) {
          throw DomainException.invalid(path(key), "Unknown property '" + path(key) + "'");
        }
      }
    }

    /** Fields Graph clients send with their zero value: accepted only so. */
    void defaultOnly(String... numbers) {
      for (String n : numbers) {
        Object v = map.get(n);
        if (v != null && !(v instanceof Number num && num.intValue() == 0)) {
          throw DomainException.invalid(
              path(n), "'" + path(n) + "' is not supported: instances follow the start date");
        }
      }
      Object days = map.get("daysOfWeek");
      if (days != null && !(days instanceof List<?> l && l.isEmpty())) {
        throw DomainException.invalid(
            path("daysOfWeek"),
            "'" + path("daysOfWeek") + "' is not supported: instances follow the start date");
      }
      Object index = map.get("index");
      if (index != null && !"first".equals(index)) {
        throw DomainException.invalid(path("index"), "'" + path("index") + "' is not supported");
      }
      Object first = map.get("firstDayOfWeek");
      if (first != null && !(first instanceof String)) {
        throw DomainException.invalid(
            path("firstDayOfWeek"), "'" + path("firstDayOfWeek") + "' must be a string");
      }
    }

    public Optional<String> string(String field) {
      Object v = map.get(field);
      if (v == null) {
        return Optional.empty();
      }
      if (!(v instanceof String s)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be a string");
      }
      return Optional.of(s);
    }

    public boolean bool(String field, boolean otherwise) {
      Object v = map.get(field);
      if (v == null) {
        return otherwise;
      }
      if (!(v instanceof Boolean b)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be true or false");
      }
      return b;
    }

    public Optional<Integer> integer(String field) {
      Object v = map.get(field);
      if (v == null) {
        return Optional.empty();
      }
      if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be a whole number");
      }
      return Optional.of(n.intValue());
    }

    Instant instant(String field) {
      String s =
          string(field)
              .orElseThrow(
                  () -> DomainException.invalid(path(field), "'" + path(field) + "' is required"));
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        throw DomainException.invalid(
            path(field), "'" + path(field) + "' must be an ISO 8601 date and time with an offset");
      }
    }

    Duration days(String field) {
      String s = string(field).orElse("P14D");
      DomainException bad =
          DomainException.invalid(
              path(field), "'" + path(field) + "' must be a number of days, such as P14D");
      try {
        java.time.Period p = java.time.Period.parse(s);
        if (p.getYears() != 0 || p.getMonths() != 0) {
          throw bad;
        }
        return Duration.ofDays(p.getDays());
      } catch (DateTimeParseException e) {
        try {
          return Duration.parse(s);
        } catch (DateTimeParseException e2) {
          throw bad;
        }
      }
    }

    @SuppressWarnings("unchecked")
    public Optional<Fields> object(String field) {
      Object v = map.get(field);
      if (v == null) {
        return Optional.empty();
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be an object");
      }
      return Optional.of(new Fields(path(field), (Map<String, Object>) m));
    }

    @SuppressWarnings("unchecked")
    public List<Fields> objects(String field) {
      Object v = map.get(field);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> list) || list.size() > 100) {
        throw DomainException.invalid(
            path(field), "'" + path(field) + "' must be an array of at most 100 objects");
      }
      List<Fields> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          throw DomainException.invalid(path(field), "'" + path(field) + "' must hold objects");
        }
        out.add(new Fields(path(field) + "[" + i + "]", (Map<String, Object>) m));
      }
      return out;
    }
  }
}
