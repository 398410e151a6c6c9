package dev.steward.application.service.extensions;

import dev.steward.domain.DomainException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's allow-list of webhook addresses (STEWARD_WEBHOOK_ALLOWED_URLS): catalog owners
 * create extensions, so an extension may only call an address under one of these prefixes. Prefixes
 * and targets are compared parsed — scheme, host, port, then path segments — never as raw text, so
 * {@code https://hooks.example.org.evil.test/} does not pass for {@code
 * https://hooks.example.org/}.
 */
public final class WebhookTargets {
  private final List<URI> prefixes;

  /**
   * @param prefixes absolute https addresses (http only when {@code plainHttpAllowed}), without
   *     user info, query or fragment
   * @throws IllegalArgumentException naming the prefix that is not one, so Steward refuses to start
   */
  public WebhookTargets(List<String> prefixes, boolean plainHttpAllowed) {
    List<URI> parsed = new ArrayList<>();
    for (String p : prefixes) {
      URI u;
      try {
        u = new URI(p.trim()).normalize();
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "STEWARD_WEBHOOK_ALLOWED_URLS: '" + p + "' is not an address");
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !(scheme.equals("http") && plainHttpAllowed)) {
        throw new IllegalArgumentException(
            "STEWARD_WEBHOOK_ALLOWED_URLS: '"
                + p
                + "' must start with https:// (http:// only with"
                + " STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP=true)");
      }
      if (u.getHost() == null
          || u.getRawUserInfo() != null
          || u.getRawQuery() != null
          || u.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "STEWARD_WEBHOOK_ALLOWED_URLS: '"
                + p
                + "' must name a host, and no user, query or fragment");
      }
      parsed.add(u);
    }
    this.prefixes = List.copyOf(parsed);
  }

  /** No address is allowed: custom extensions cannot be created. */
  public static WebhookTargets none() {
    return new WebhookTargets(List.of(), false);
  }

  public boolean isEmpty() {
    return prefixes.isEmpty();
  }

  /** The target, checked against the allow-list; refused naming the field when it is not on it. */
  public String require(String field, String target) {
    return allowed(target)
        .orElseThrow(
            () ->
                DomainException.invalid(
                    field,
                    prefixes.isEmpty()
                        ? "custom extensions are off: the operator has allowed no webhook"
                            + " addresses (STEWARD_WEBHOOK_ALLOWED_URLS)"
                        : "'"
                            + field
                            + "' is not under an address the operator allows"
                            + " (STEWARD_WEBHOOK_ALLOWED_URLS)"));
  }

  /** The target as it will be called, when it is under an allowed prefix. */
  public Optional<String> allowed(String target) {
    URI u;
    try {
      u = new URI(target);
    } catch (URISyntaxException | NullPointerException e) {
      return Optional.empty();
    }
    if (!u.isAbsolute()
        || u.getHost() == null
        || u.getRawUserInfo() != null
        || u.getRawFragment() != null
        || (u.getRawPath() != null && u.getRawPath().matches(".*(^|/)\\.\\.?(/|$).*"))) {
      return Optional.empty();
    }
    for (URI p : prefixes) {
      if (p.getScheme().equalsIgnoreCase(u.getScheme())
          && p.getHost().equalsIgnoreCase(u.getHost())
          && port(p) == port(u)
          && under(u.getRawPath(), p.getRawPath())) {
        return Optional.of(u.toString());
      }
    }
    return Optional.empty();
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Whether the path is the prefix's path or below it, segment by segment. */
  private static boolean under(String path, String prefix) {
    String p = path == null || path.isEmpty() ? "/" : path;
    String base = prefix == null || prefix.isEmpty() ? "/" : prefix;
    if (base.endsWith("/")) {
      return p.startsWith(base) || p.equals(base.substring(0, base.length() - 1));
    }
    return p.equals(base) || p.startsWith(base + "/");
  }

  @Override
  public String toString() {
    return prefixes.toString();
  }
}
