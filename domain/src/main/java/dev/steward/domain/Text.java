package dev.steward.domain;

/** Checks on the free text that names and describes things. */
public final class Text {
  private Text() {}

  /** Returns the stripped text, or refuses it naming the field. */
  public static String require(String value, String field, int max, boolean required) {
    if (value == null || (required && value.isBlank())) {
      throw DomainException.invalid(field, "'" + field + "' is required");
    }
    if (value.length() > max) {
      throw DomainException.invalid(field, "'" + field + "' is longer than " + max + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      throw DomainException.invalid(field, "'" + field + "' contains control characters");
    }
    return value.strip();
  }
}
