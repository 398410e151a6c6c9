package dev.steward.adapter.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent misses for one key share one lookup; the next miss after it ends starts anew. */
class SingleFlightTest {
  private final SingleFlight<String, String> flight = new SingleFlight<>();
  private final AtomicInteger started = new AtomicInteger();

  private Future<String> lookup(Promise<String> answer) {
    return flight.load(
        "paul",
        () -> {
          started.incrementAndGet();
          return answer.future();
        });
  }

  @Test
  void missesWhileALookupRunsShareIt() {
    Promise<String> answer = Promise.promise();
    Future<String> first = lookup(answer);
    Future<String> second = lookup(Promise.promise());
    assertSame(first, second);
    assertEquals(1, started.get());
    answer.complete("groups of paul");
    assertEquals("groups of paul", second.result());
    assertEquals(0, flight.running());

    Promise<String> again = Promise.promise();
    Future<String> third = lookup(again);
    assertEquals(2, started.get(), "a finished lookup is not reused: the cache holds results");
    again.fail("directory down");
    assertTrue(third.failed());
    assertEquals(0, flight.running(), "a failure does not stick either");
  }

  @Test
  void aLookupThatThrowsFailsItsCallersAndIsForgotten() {
    Future<String> f =
        flight.load(
            "paul",
            () -> {
              throw new IllegalStateException("no connection");
            });
    assertTrue(f.failed());
    assertEquals(0, flight.running());
  }
}
