package dev.steward.application.port.out.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of outside work recorded in the transaction that caused it, done after it commits.
 *
 * @param channel how it leaves Steward: {@code mail} today, {@code webhook} for custom extensions
 * @param kind what it is within the channel (for mail, the template)
 * @param dedupeKey the same work is recorded once: a second row with this key is ignored
 * @param target whom it goes to (for mail, the recipient's principal id)
 * @param payload what the work is built from
 * @param attempts how many times it was tried so far
 */
public record OutboxMessage(
    String id,
    String channel,
    String kind,
    String dedupeKey,
    String target,
    Map<String, String> payload,
    int attempts,
    Instant createdAt) {
  public static final String MAIL = "mail";
  public static final String WEBHOOK = "webhook";

  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(target, "target");
    payload = Map.copyOf(payload);
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
