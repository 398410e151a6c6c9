package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written GUID check agrees with the textbook regular expression. */
class GuidTest {
  private static final Pattern SHAPE =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Test
  void acceptsGuidsInEitherCaseAndNothingElse() {
    assertTrue(Guid.isValid("1c000000-0000-4000-8000-00000000000a"));
    assertTrue(Guid.isValid("ABCDEF01-2345-6789-ABCD-EF0123456789"));
    assertFalse(Guid.isValid(null));
    assertFalse(Guid.isValid(""));
    assertFalse(Guid.isValid("1c000000-0000-4000-8000-00000000000"));
    assertFalse(Guid.isValid("1c000000-0000-4000-8000-00000000000g"));
    assertFalse(Guid.isValid("1c0000000-000-4000-8000-00000000000a"));
    assertFalse(Guid.isValid("1c000000-0000-4000-8000-00000000000a "));
    assertFalse(Guid.isValid("1c000000-0000-4000-8000-00000000000\u0661"));
    assertEquals(
        "abcdef01-2345-6789-abcd-ef0123456789",
        Guid.require("ABCDEF01-2345-6789-ABCD-EF0123456789", "id"));
    assertThrows(DomainException.class, () -> Guid.require("nope", "id"));
  }

  @Property(tries = 2000)
  void agreesWithTheRegularExpression(@ForAll("nearGuids") String value) {
    assertEquals(SHAPE.matcher(value).matches(), Guid.isValid(value), value);
  }

  /** GUID-shaped strings with now and then a character changed, dropped or added. */
  @Provide
  Arbitrary<String> nearGuids() {
    Arbitrary<String> guids =
        Arbitraries.strings()
            .withChars("0123456789abcdefABCDEF")
            .ofLength(32)
            .map(
                h ->
                    h.substring(0, 8)
                        + "-"
                        + h.substring(8, 12)
                        + "-"
                        + h.substring(12, 16)
                        + "-"
                        + h.substring(16, 20)
                        + "-"
                        + h.substring(20));
    return Arbitraries.oneOf(
        guids,
        guids.flatMap(
            g ->
                Arbitraries.integers()
                    .between(0, 35)
                    .flatMap(
                        i ->
                            Arbitraries.chars()
                                .with("-0aFgz \u0661")
                                .map(c -> g.substring(0, i) + c + g.substring(i + 1)))),
        guids.map(g -> g.substring(1)),
        guids.map(g -> g + "0"),
        Arbitraries.strings().ofMaxLength(40));
  }
}
