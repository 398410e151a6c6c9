package dev.steward.domain;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validation and normalisation of the GUID strings that every Steward id is. */
public final class Guid {
  private static final Pattern SHAPE =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Guid() {}

  public static boolean isValid(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }

  /**
   * Returns the lower-case form of a GUID, or throws an {@link DomainException} naming the field.
   */
  public static String require(String value, String field) {
    if (!isValid(value)) {
      throw DomainException.invalid(field, "'" + field + "' must be a GUID");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  public static String random() {
    return UUID.randomUUID().toString();
  }
}
