package dev.steward.application.port.out.extensions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature both sides of the webhook port share: {@code v1,} and the base64
 * HMAC-SHA256, keyed with the base64 part of a {@code whsec_} secret, of {@code id.timestamp.body}.
 */
public final class StandardWebhooks {
  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private StandardWebhooks() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header's value for one message. */
  public static String sign(String secret, String id, long timestamp, String body) {
    return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
  }

  /**
   * Whether any of the space-separated {@code v1,} signatures in the header is the message's; the
   * comparison takes the same time whatever the signature.
   */
  public static boolean verify(
      String secret, String id, long timestamp, String body, String signatureHeader) {
    byte[] expected = mac(secret, id, timestamp, body);
    boolean ok = false;
    for (String candidate : signatureHeader.trim().split(" +")) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      ok |= MessageDigest.isEqual(expected, given);
    }
    return ok;
  }

  private static byte[] mac(String secret, String id, long timestamp, String body) {
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a signing secret starts with whsec_");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
      return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
