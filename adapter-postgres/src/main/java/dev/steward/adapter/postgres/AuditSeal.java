package dev.steward.adapter.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals audit records into one chain, and the one way a link's hash is made.
 *
 * <p>A link's hash is HMAC-SHA256 over the previous link's hash, the link's position and the
 * record's canonical text. The canonical text is made by Postgres from the stored columns ({@link
 * #canonical}), the same expression when the record is written and when it is verified, so that
 * what is checked is what is kept. The key never goes to the database: whoever can write there but
 * does not hold it cannot make a link that verifies.
 */
public final class AuditSeal {
  /** The genesis link's predecessor. */
  static final byte[] GENESIS = new byte[32];

  /**
   * A record's columns as one JSON array text: ids and the time in a form that no session setting
   * changes (microseconds since the epoch), the JSON columns as Postgres normalises them. {@code
   * table} is the name or alias the columns are read from.
   */
  static String canonical(String table) {
    String t = table + ".";
    return "jsonb_build_array("
        + String.join(
            ", ",
            t + "id::text",
            "(extract(epoch FROM " + t + "at) * 1000000)::bigint",
            t + "actor_id",
            t + "action",
            t + "target_type",
            t + "target_id",
            t + "before",
            t + "after",
            t + "request_id",
            t + "actor_login",
            t + "ip_address",
            t + "catalog_id::text")
        + ")::text";
  }

  private final SecretKeySpec key;

  private AuditSeal(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** A seal under the given key (at least 16 bytes of it). */
  public static AuditSeal withKey(String secret) {
    Objects.requireNonNull(secret, "secret");
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 16) {
      throw new IllegalArgumentException(
          "the audit key must be at least 16 bytes long; it has " + bytes.length);
    }
    return new AuditSeal(bytes);
  }

  /** The hash of the link at {@code position} that follows {@code previous}. */
  byte[] link(byte[] previous, long position, String canonical) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(previous);
      mac.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
      mac.update(canonical.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether {@code hash} is the link that {@link #link} makes, compared in constant time. */
  boolean holds(byte[] hash, byte[] previous, long position, String canonical) {
    return MessageDigest.isEqual(hash, link(previous, position, canonical));
  }
}
