package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogLineTest {
  private static String textLine(double millis) {
    List<String> lines = new ArrayList<>();
    new AccessLog(AccessLog.Format.TEXT, lines::add)
        .log("req-1", "127.0.0.1", "olivia", "GET", "/v1.0/me", "/v1.0/me", 200, millis);
    assertEquals(1, lines.size());
    return lines.get(0);
  }

  @Test
  void aTextLineNamesEveryFieldInOrderWithTheDurationToATenthOfAMillisecond() {
    assertEquals(
        "access request_id=req-1 client=127.0.0.1 actor=olivia method=GET route=/v1.0/me"
            + " path=/v1.0/me status=200 duration_ms=12.3",
        textLine(12.34));
  }

  @Test
  void theDurationIsRoundedHalfUpAsBeforeAndKeepsItsTenthsDigit() {
    assertEquals("1.3", textLine(1.25).replaceAll(".*duration_ms=", ""));
    assertEquals("0.0", textLine(0.04).replaceAll(".*duration_ms=", ""));
    assertEquals("2.0", textLine(1.96).replaceAll(".*duration_ms=", ""));
    assertEquals("1500.0", textLine(1500).replaceAll(".*duration_ms=", ""));
  }
}
