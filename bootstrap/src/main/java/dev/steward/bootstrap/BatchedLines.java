package dev.steward.bootstrap;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Lines for a stream, written by a thread of their own in batches: the access log's sink.
 *
 * <p>Writing each access line from the event loop that answered cost a {@code write} system call
 * per request and, with two event loops, a wait on the stream's lock whenever both answered at once
 * (a third of a role-assignment list's futex calls, issue 21). Here an event loop only adds the
 * line to a lock-free queue; the writer thread is never woken per line but looks every {@value
 * #PAUSE_MS} ms, and writes whatever has gathered in one call. Nothing is dropped: past {@value
 * #MOST_PENDING} lines waiting (the writer stalled by a blocked stream), and after {@link #close},
 * a line is written at once by the thread that gives it, as before. Close drains what is queued.
 */
final class BatchedLines implements Consumer<String>, AutoCloseable {
  static final int MOST_PENDING = 100_000;
  static final long PAUSE_MS = 20;
  private static final int MOST_PER_WRITE = 2_048;
  private static final int MOST_KEPT_BYTES = 1024 * 1024;
  private static final byte[] NEW_LINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

  private final PrintStream out;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Thread writer;
  private volatile boolean open = true;

  BatchedLines(PrintStream out, String threadName) {
    this.out = out;
    this.writer = new Thread(this::run, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void accept(String line) {
    if (open) {
      if (waiting.incrementAndGet() <= MOST_PENDING) {
        pending.add(line);
        if (!open && pending.remove(line)) {
          out.println(line); // closed meanwhile: the writer may have drained the queue already
        }
        return;
      }
      waiting.decrementAndGet();
    }
    out.println(line);
  }

  private void run() {
    Batch batch = new Batch(); // the writer's own, kept from one batch to the next
    while (open) {
      if (!writeSomeSafely(batch)) {
        Thread.interrupted(); // an interrupt would make every park return at once
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MS));
      }
    }
    while (writeSomeSafely(batch)) {
      // what was queued before close
    }
  }

  /**
   * One batch written; a failure (a stream that throws, memory short for the batch) is reported on
   * standard error and the writer goes on, so that the lines after it are still written.
   */
  private boolean writeSomeSafely(Batch batch) {
    try {
      return writeSome(batch);
    } catch (Throwable e) { // the writer must outlive any one batch, whatever went wrong with it
      System.err.println("access log: a batch of lines could not be written: " + e);
      return true;
    }
  }

  /**
   * Writes up to MOST_PER_WRITE queued lines in one call; false when none were queued. The bytes
   * are gathered in one buffer kept for the writer's life: building a string of the batch and then
   * its bytes had copied every line three times (6% of the bytes Steward allocated answering role
   * assignments, issue 21).
   */
  private boolean writeSome(Batch batch) {
    int lines = 0;
    String line;
    batch.reset();
    while (lines < MOST_PER_WRITE && (line = pending.poll()) != null) {
      waiting.decrementAndGet();
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      batch.write(bytes, 0, bytes.length);
      batch.write(NEW_LINE, 0, NEW_LINE.length);
      lines++;
    }
    if (lines == 0) {
      return false;
    }
    batch.writeOut(out);
    out.flush();
    batch.shrink();
    return true;
  }

  /** A byte buffer whose array is written out directly and kept from one batch to the next. */
  private static final class Batch extends java.io.ByteArrayOutputStream {
    Batch() {
      super(64 * 1024);
    }

    /** An unusually long batch's array is not kept. */
    void shrink() {
      if (buf.length > MOST_KEPT_BYTES) {
        buf = new byte[64 * 1024];
      }
      reset();
    }

    void writeOut(PrintStream out) {
      out.write(buf, 0, count);
    }
  }

  /**
   * Stops taking lines into the queue and waits (up to 5 s) for the queued ones to be written; if
   * the writer is gone or stuck, what is still queued is written here.
   */
  @Override
  public void close() throws InterruptedException {
    open = false;
    LockSupport.unpark(writer);
    writer.join(TimeUnit.SECONDS.toMillis(5));
    if (writer.isAlive()) {
      System.err.println(
          "access log: the writer did not finish within 5 s; "
              + waiting.get()
              + " lines still waiting are written by the closing thread");
    }
    Batch batch = new Batch(); // not the writer's: it may still be running, stuck in a write
    while (writeSomeSafely(batch) && !pending.isEmpty()) {
      // only what the writer left; normally nothing
    }
  }
}
