package dev.steward.application.fakes;

import dev.steward.application.port.out.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that tests move by hand. */
public final class MovableClock implements Clock {
  private Instant now;

  public MovableClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }
}
