package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotating the token key without signing everyone out: the previous key is still accepted for the
 * tokens it signed while it is configured, and refused once it is taken away.
 */
class TokenKeyRotationTest {
  private static final String OLD = "the-key-before-rotation-of-32-bytes-or-more";
  private static final String NEW = "the-key-after-rotation-of-32-bytes-or-more";

  private static int me(RunningSteward on, String token) {
    return on.api.send("GET", "/v1.0/me", "Bearer " + token, null).status();
  }

  @Test
  void aTokenSignedWithThePreviousKeyIsAcceptedOnlyWhileThatKeyIsGiven() {
    RunningSteward before = RunningSteward.start(Map.of("STEWARD_JWT_SECRET", OLD));
    String token;
    try {
      Api.Response issued = before.api.token("ada", "ada-demo-pw");
      assertEquals(200, issued.status(), issued.text());
      token = issued.json().getString("access_token");
      assertEquals(200, me(before, token));
    } finally {
      before.close();
    }
    RunningSteward rotated =
        RunningSteward.start(Map.of("STEWARD_JWT_SECRET", NEW, "STEWARD_JWT_PREVIOUS_SECRET", OLD));
    RunningSteward done = RunningSteward.start(Map.of("STEWARD_JWT_SECRET", NEW));
    try {
      assertEquals(200, me(rotated, token), "the previous key still verifies");
      String fresh = rotated.api.token("ada", "ada-demo-pw").json().getString("access_token");
      assertEquals(200, me(done, fresh), "new tokens are signed with the new key");
      assertEquals(401, me(done, token), "once the previous key is gone, its tokens are too");
    } finally {
      rotated.close();
      done.close();
    }
  }
}
