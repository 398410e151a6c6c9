package dev.steward.adapter.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks leave Steward.
 *
 * @param trustStore a PKCS#12 trust store of the certificate authorities webhook endpoints may
 *     present, or null for the JVM's default trust store
 * @param timeout the longest wait to connect, and for the answer once the request is sent
 */
public record WebhookSettings(Path trustStore, String trustStorePassword, Duration timeout) {
  public WebhookSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative() || timeout.toSeconds() > 300) {
      throw new IllegalArgumentException("the webhook timeout must be between 1 and 300 seconds");
    }
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
  }

  @Override
  public String toString() {
    return "trust store "
        + (trustStore == null ? "of the JVM" : trustStore.toString())
        + ", timeout "
        + timeout.toSeconds()
        + " s";
  }
}
