package dev.steward.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API listens and authenticates.
 *
 * @param jwtSecret the HMAC key that signs and verifies Steward's own bearer tokens (32+ bytes)
 * @param readinessIncludesDependencies whether /health/ready fails while Postgres or LDAP is down
 *     (off: only draining fails it; /health/dependencies reports the dependencies)
 * @param previousJwtSecret the key before the last rotation, still accepted for tokens it signed
 *     (empty for none); nothing new is signed with it
 * @param basicCacheTtl how long a checked Basic login is remembered before LDAP is asked again
 * @param managementPort where {@code /metrics} and health are served; negative for nowhere
 * @param eventLoops how many event loops serve the API (one server instance each)
 * @param tlsKeyStore a PKCS#12 file with the server's key and certificate, for HTTPS; null or empty
 *     for plain HTTP
 * @param sessionIdle how long a portal session lives without a request
 * @param sessionMaxAge how long a portal session lives at most, however busy
 * @param signIn how many wrong passwords per account and per client address are answered before
 *     sign-ins are refused for the rest of the window
 * @param headerTimeout how long a new connection may take to send its first request's headers
 * @param idleTimeout how long a connection may stay silent before it is closed
 * @param maxConnectionsPerClient how many connections one client address may hold open at once
 * @param maxSessionsPerUser how many portal sessions one user may have; the oldest ends first
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
    Duration sessionMaxAge,
    SignInGuard.Limits signIn,
    Duration headerTimeout,
    Duration idleTimeout,
    int maxConnectionsPerClient,
    int maxSessionsPerUser,
    String previousJwtSecret,
    boolean readinessIncludesDependencies) {
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
    previousJwtSecret = previousJwtSecret == null ? "" : previousJwtSecret;
    if (!previousJwtSecret.isEmpty()
        && previousJwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException("the previous JWT secret must be at least 32 bytes");
    }
    if (previousJwtSecret.equals(jwtSecret)) {
      throw new IllegalArgumentException("the previous JWT secret is the current one");
    }
    Objects.requireNonNull(sessionIdle, "sessionIdle");
    Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
    if (sessionIdle.isNegative()
        || sessionIdle.isZero()
        || sessionMaxAge.compareTo(sessionIdle) < 0) {
      throw new IllegalArgumentException(
          "portal sessions need a positive idle time no longer than their maximum age");
    }
    Objects.requireNonNull(signIn, "signIn");
    if (headerTimeout.isNegative()
        || headerTimeout.isZero()
        || idleTimeout.isNegative()
        || idleTimeout.isZero()
        || maxConnectionsPerClient < 1
        || maxSessionsPerUser < 1) {
      throw new IllegalArgumentException(
          "HTTP timeouts, the connections per client and the sessions per user must be positive");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("the body limit must be at least 1024 bytes");
    }
  }
}
