package dev.steward.application.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a suite does when a tool it drives (slapd, promtool, curl, Chromium) is not installed: it
 * says so loudly on standard error and is skipped — except on CI ({@code CI=true}), where {@code
 * .ci/run} installs every one of them, so a missing tool is a failure, never a quiet skip.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Continues when {@code present}; otherwise skips (or, on CI, fails) saying {@code why}. */
  public static void require(boolean present, String why) {
    if (present) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail("Missing on CI, where .ci/run installs it: " + why);
    }
    System.err.println("[steward-tests] *** SKIPPED: " + why + " ***");
    Assumptions.abort(why);
  }
}
