package dev.steward.application.port.out.extensions;

import java.util.Objects;

/**
 * A webhook ready to send: the adapter signs it per the Standard Webhooks specification with the
 * secret and posts it once.
 *
 * @param id the {@code webhook-id}: the outbox row's id, the same on every retry
 * @param secret the extension's {@code whsec_…} signing secret
 * @param payload the JSON object to post (maps, lists, strings, numbers, booleans); the adapter
 *     signs the bytes it sends
 */
public record OutgoingWebhook(
    String id, String url, String secret, java.util.Map<String, Object> payload) {
  public OutgoingWebhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public String toString() {
    return "OutgoingWebhook[id=" + id + ", url=" + url + "]";
  }
}
