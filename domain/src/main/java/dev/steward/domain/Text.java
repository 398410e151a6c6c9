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
    // Unpaired surrogates are not text at all; bidirectional overrides make a name display as
    // something other than what it is.
    if (value.codePoints().anyMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF)
        || value
            .codePoints()
            .anyMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
      throw DomainException.invalid(
          field,
          "'" + field + "' contains unpaired surrogates or bidirectional override characters");
    }
    return value.strip();
  }
}
