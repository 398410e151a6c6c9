package dev.steward.domain;

import java.util.Locale;
import java.util.UUID;

/** Validation and normalisation of the GUID strings that every Steward id is. */
public final class Guid {
  private Guid() {}

  /**
   * Whether the value is 8-4-4-4-12 hexadecimal digits. Checked by hand rather than with a regular
   * expression: every id of every row and request passes through here.
   */
  public static boolean isValid(String value) {
    if (value == null || value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
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
