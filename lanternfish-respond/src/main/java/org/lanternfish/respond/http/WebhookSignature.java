package org.lanternfish.respond.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How RESPOND signs its webhook calls, and how a receiver checks them: {@code X-Lanternfish-Timestamp} is the send
 * time in Unix seconds and {@code X-Lanternfish-Signature} is {@code sha256=} and the hex HMAC-SHA256, keyed with the
 * shared secret, of the timestamp, a dot and the body. A receiver refuses a signature that does not match and a
 * timestamp further than its tolerance from its own clock, so a captured call cannot be replayed later.
 */
public final class WebhookSignature {

  /** The header with the send time in Unix seconds. */
  public static final String TIMESTAMP = "X-Lanternfish-Timestamp";
  /** The header with the signature. */
  public static final String SIGNATURE = "X-Lanternfish-Signature";

  private WebhookSignature() {}

  /** The signature header's value for {@code body} sent at {@code epochSeconds}. */
  public static String sign(byte[] secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Why a call with these headers and {@code body} must be refused at {@code nowSeconds}, or null when it is genuine
   * and fresh (within {@code toleranceSeconds}).
   */
  public static String refusal(byte[] secret, String timestamp, String signature, byte[] body, long nowSeconds,
      long toleranceSeconds) {
    if (timestamp == null || signature == null) {
      return "unsigned";
    }
    long sent;
    try {
      sent = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return "the timestamp is not a number";
    }
    if (Math.abs(nowSeconds - sent) > toleranceSeconds) {
      return "the timestamp is " + (nowSeconds - sent) + " s away from now: too old (a replay) or from the future";
    }
    byte[] expected = sign(secret, sent, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
      return "the signature does not match";
    }
    return null;
  }
}
