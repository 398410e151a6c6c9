package dev.steward.adapter.mail;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Steward reaches its SMTP server, and where an operator's own mail templates live.
 *
 * @param from the plain sender address, like {@code steward@example.org}; its domain also names the
 *     Message-ID
 * @param username the SMTP login, or {@code null} (or blank) to send without logging in
 * @param password the SMTP password; required with a username
 * @param templatesDirectory a folder whose {@code <template>.subject|txt|html.mustache} files
 *     replace Steward's defaults file by file, or {@code null} for the defaults only
 */
public record MailSettings(
    String host,
    int port,
    String from,
    String username,
    String password,
    Tls tls,
    Path templatesDirectory) {

  private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final Pattern ADDRESS =
      Pattern.compile(ATEXT + "+(?:\\." + ATEXT + "+)*@" + LABEL + "(?:\\." + LABEL + ")*");
  private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "+(?:\\." + ATEXT + "+)*");

  /** How the connection to the mail server is protected. */
  public enum Tls {
    /** Plain SMTP: only to a relay on a network you trust. */
    NONE,
    /** Plain SMTP upgraded with STARTTLS before anything is sent; refused if not offered. */
    STARTTLS,
    /** SMTP over TLS from the first byte (usually port 465). */
    SMTPS
  }

  public MailSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the mail server's host name is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the mail server's port must be 1..65535, not " + port);
    }
    if (from == null || !isAddress(from)) {
      throw new IllegalArgumentException(
          "the mail sender must be a plain address like steward@example.org, not '" + from + "'");
    }
    username = username == null || username.isBlank() ? null : username;
    if (username != null && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException("the mail username '" + username + "' has no password");
    }
    if (username == null && password != null && !password.isEmpty()) {
      throw new IllegalArgumentException("a mail password is set but no username");
    }
    password = username == null ? null : password;
    tls = tls == null ? Tls.NONE : tls;
  }

  /** Whether Steward logs in to the mail server. */
  public boolean login() {
    return username != null;
  }

  /** The domain of the sender address. */
  String fromDomain() {
    return from.substring(from.lastIndexOf('@') + 1);
  }

  /** Whether the text is a plain mail address ({@code local@domain}, ASCII, no display name). */
  static boolean isAddress(String text) {
    return ADDRESS.matcher(text).matches();
  }

  /** Whether the text may stand left of the {@code @} in a Message-ID. */
  static boolean isDotAtom(String text) {
    return DOT_ATOM.matcher(text).matches();
  }

  @Override
  public String toString() {
    return "MailSettings[host="
        + host
        + ", port="
        + port
        + ", from="
        + from
        + ", username="
        + username
        + ", password="
        + (password == null ? null : "***")
        + ", tls="
        + tls
        + ", templatesDirectory="
        + templatesDirectory
        + "]";
  }
}
