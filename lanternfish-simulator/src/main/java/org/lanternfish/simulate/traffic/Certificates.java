package org.lanternfish.simulate.traffic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.lanternfish.simulate.zeek.ZeekLog;

/** Server certificates of simulated sites: a stable fingerprint per name and the x509 record Zeek logs for it. */
final class Certificates {
  private static final long DAY_US = 86_400_000_000L;
  private static final long YEAR_US = 365L * DAY_US;

  private Certificates() {}

  /** A SHA-256 hex digest of {@code text}, stable across runs. */
  static String fingerprint(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static void x509(Flows flows, long ts, String fingerprint, String name) {
    boolean internal = name.endsWith(".com") && name.startsWith("intranet");
    String issuer = internal ? "CN=" + name : issuer(name);
    // Certificates are renewed every 90 days, so one certificate keeps the same validity across a run.
    long renewal = 90 * DAY_US;
    long validFrom = Math.floorDiv(ts, renewal) * renewal - Math.floorMod(fingerprint.hashCode(), 30) * DAY_US;
    flows.emit(
        ZeekLog.X509, ts, fingerprint, 3L, fingerprint.substring(0, 32).toUpperCase(Locale.ROOT),
        "CN=" + name, issuer, validFrom, validFrom + YEAR_US, "id-ecPublicKey", "ecdsa-with-SHA256", "ecdsa", 256L,
        null, "prime256v1", List.of(name), null, null, null, false, null, true, false);
  }

  private static String issuer(String name) {
    int pick = Math.floorMod(name.hashCode(), 3);
    return switch (pick) {
      case 0 -> "CN=R11,O=Let's Encrypt,C=US";
      case 1 -> "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US";
      default -> "CN=Microsoft Azure RSA TLS Issuing CA 04,O=Microsoft Corporation,C=US";
    };
  }
}
