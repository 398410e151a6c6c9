package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchedLinesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private List<String> written() {
    synchronized (out) {
      String text = bytes.toString(StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split(System.lineSeparator()));
    }
  }

  @Test
  void linesFromManyThreadsAreAllWrittenEachThreadsInTheOrderGiven() throws Exception {
    int threads = 4;
    int each = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> givers = new ArrayList<>();
    try (BatchedLines lines = new BatchedLines(out, "test-lines")) {
      for (int t = 0; t < threads; t++) {
        int giver = t;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < each; i++) {
                    lines.accept(giver + " " + i + " ünïcode");
                  }
                });
        thread.start();
        givers.add(thread);
      }
      start.countDown();
      for (Thread thread : givers) {
        thread.join();
      }
    }
    List<String> written = written();
    assertEquals(threads * each, written.size());
    int[] next = new int[threads];
    for (String line : written) {
      String[] parts = line.split(" ");
      int giver = Integer.parseInt(parts[0]);
      assertEquals(next[giver]++, Integer.parseInt(parts[1]), "order of giver " + giver);
      assertEquals("ünïcode", parts[2]);
    }
  }

  @Test
  void aLineIsWrittenWithinAFewPausesWithoutClosing() throws Exception {
    try (BatchedLines lines = new BatchedLines(out, "test-lines")) {
      lines.accept("first");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (written().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(List.of("first"), written());
    }
  }

  @Test
  void aLineGivenAfterCloseIsWrittenAtOnceNotDropped() throws Exception {
    BatchedLines lines = new BatchedLines(out, "test-lines");
    lines.accept("queued");
    lines.close();
    lines.accept("late");
    assertEquals(List.of("queued", "late"), written());
  }

  @Test
  void pastTheMostThatMayWaitALineIsWrittenByItsGiver() throws Exception {
    // The writer blocks on the stream, so nothing queued is written until it is let go.
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    PrintStream stalled =
        new PrintStream(bytes, true, StandardCharsets.UTF_8) {
          @Override
          public void write(byte[] buf, int off, int len) {
            if (Thread.currentThread().getName().equals("test-lines")) {
              blocked.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            synchronized (out) {
              super.write(buf, off, len);
            }
          }
        };
    BatchedLines lines = new BatchedLines(stalled, "test-lines");
    lines.accept("stalls the writer");
    assertTrue(blocked.await(5, TimeUnit.SECONDS));
    for (int i = 0; i < BatchedLines.MOST_PENDING; i++) {
      lines.accept("waiting " + i);
    }
    lines.accept("over the limit");
    assertEquals(List.of("over the limit"), written());
    release.countDown();
    lines.close();
    List<String> all = written();
    assertEquals(BatchedLines.MOST_PENDING + 2, all.size());
    assertEquals("over the limit", all.get(0));
    assertEquals("stalls the writer", all.get(1));
    assertEquals("waiting " + (BatchedLines.MOST_PENDING - 1), all.get(all.size() - 1));
  }

  @Test
  void aBatchTheStreamFailsToTakeDoesNotStopTheLinesAfterIt() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean failed =
        new java.util.concurrent.atomic.AtomicBoolean();
    PrintStream failingOnce =
        new PrintStream(bytes, true, StandardCharsets.UTF_8) {
          @Override
          public void write(byte[] buf, int off, int len) {
            if (failed.compareAndSet(false, true)) {
              throw new IllegalStateException("the stream failed");
            }
            super.write(buf, off, len);
          }
        };
    try (BatchedLines lines = new BatchedLines(failingOnce, "test-lines")) {
      lines.accept("lost with its batch");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!failed.get() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(failed.get());
      lines.accept("after the failure");
    }
    assertEquals(List.of("after the failure"), written());
  }
}
