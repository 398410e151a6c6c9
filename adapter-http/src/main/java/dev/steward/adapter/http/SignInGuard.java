package dev.steward.adapter.http;

import dev.steward.application.port.in.Actor;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Slows down password guessing: after too many wrong passwords for one account, or from one client
 * address, within a window, further sign-ins are refused with 429 and {@code Retry-After} until the
 * window ends — without asking the directory, so a guesser cannot lock the directory account out
 * either. Counted per instance.
 */
public final class SignInGuard {
  /** How many failures are allowed per account and per address within one window. */
  public record Limits(int perAccount, int perAddress, Duration window) {
    public Limits {
      if (perAccount < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "sign-in limits must be positive: " + perAccount + ", " + perAddress + ", " + window);
      }
    }

    public static Limits defaults() {
      return new Limits(10, 100, Duration.ofMinutes(5));
    }
  }

  /** Raised instead of asking the directory while a sign-in is throttled. */
  static final class Throttled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long retryAfterSeconds;

    Throttled(long retryAfterSeconds) {
      super("Too many failed sign-ins; try again later", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  private static final int MAX_TRACKED = 100_000;

  private record Window(long startNanos, int failures) {}

  private final Limits limits;
  private final BiConsumer<String, String> failures;
  private final Map<String, Window> accounts = new ConcurrentHashMap<>();
  private final Map<String, Window> addresses = new ConcurrentHashMap<>();

  /**
   * @param failures told of every refused sign-in: the endpoint ({@code basic}, {@code token},
   *     {@code portal}) and the reason ({@code badCredentials}, {@code throttled})
   */
  public SignInGuard(Limits limits, BiConsumer<String, String> failures) {
    this.limits = limits;
    this.failures = failures;
  }

  /** Checks a password through {@code attempt} unless the account or address is throttled. */
  Future<Optional<Actor>> check(
      String endpoint, String login, String address, Supplier<Future<Optional<Actor>>> attempt) {
    String account = login == null ? "" : login.toLowerCase(Locale.ROOT);
    long now = System.nanoTime();
    long wait =
        Math.max(
            remaining(accounts.get(account), limits.perAccount(), now),
            remaining(addresses.get(address), limits.perAddress(), now));
    if (wait > 0) {
      failures.accept(endpoint, "throttled");
      return Future.failedFuture(new Throttled(Math.max(1, Duration.ofNanos(wait).toSeconds())));
    }
    return attempt
        .get()
        .onSuccess(
            found -> {
              if (found.isPresent()) {
                accounts.remove(account);
              } else {
                failures.accept(endpoint, "badCredentials");
                count(accounts, account, now);
                count(addresses, address, now);
              }
            });
  }

  private long remaining(Window w, int limit, long now) {
    if (w == null || w.failures() < limit) {
      return 0;
    }
    return Math.max(0, w.startNanos() + limits.window().toNanos() - now);
  }

  private void count(Map<String, Window> windows, String key, long now) {
    if (windows.size() > MAX_TRACKED) {
      windows.clear(); // bounded memory under a spray of made-up names; counting starts again
    }
    windows.merge(
        key,
        new Window(now, 1),
        (old, one) ->
            now - old.startNanos() > limits.window().toNanos()
                ? one
                : new Window(old.startNanos(), old.failures() + 1));
  }
}
