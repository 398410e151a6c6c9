package dev.steward.application.port.out;

import java.time.Instant;

/** The time, so tests can move it. */
public interface Clock {
  Instant now();
}
