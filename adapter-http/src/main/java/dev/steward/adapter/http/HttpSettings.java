package dev.steward.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API listens and authenticates.
 *
 * @param jwtSecret the HMAC key that signs and verifies Steward's own bearer tokens (32+ bytes)
 * @param basicCacheTtl how long a checked Basic login is remembered before LDAP is asked again
 * @param managementPort where {@code /metrics} and health are served; negative for nowhere
 * @param eventLoops how many event loops serve the API (one server instance each)
 * @param tlsKeyStore a PKCS#12 file with the server's key and certificate, for HTTPS; null or empty
 *     for plain HTTP
 * @param sessionIdle how long a portal session lives without a request
 * @param sessionMaxAge how long a portal session lives at most, however busy
 */
public record HttpSettings(
    String host,
    int port,
    int maxBodyBytes,
    String jwtSecret,
    String jwtIssuer,
    Duration tokenLifetime,
    Duration basicCacheTtl,
    String managementHost,
    int managementPort,
    int eventLoops,
    String tlsKeyStore,
    String tlsKeyStorePassword,
    Duration sessionIdle,
    Duration sessionMaxAge) {
  public boolean https() {
    return tlsKeyStore != null && !tlsKeyStore.isEmpty();
  }

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(jwtIssuer, "jwtIssuer");
    if (jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException("the JWT secret must be at least 32 bytes");
    }
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
    if (sessionIdle.isNegative()
        || sessionIdle.isZero()
        || sessionMaxAge.compareTo(sessionIdle) < 0) {
      throw new IllegalArgumentException(
          "portal sessions need a positive idle time no longer than their maximum age");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("the body limit must be at least 1024 bytes");
    }
  }
}
