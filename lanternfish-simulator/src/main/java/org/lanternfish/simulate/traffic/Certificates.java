package org.lanternfish.simulate.traffic;

import java.util.List;
import java.util.Locale;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.zeek.ZeekLog;

/** Server certificates of simulated sites: a stable fingerprint per name and the x509 record Zeek logs for it. */
final class Certificates {
  private static final long DAY_US = 86_400_000_000L;
  private static final long YEAR_US = 365L * DAY_US;

  private Certificates() {}

  /**
   * A 64-digit hex digest of {@code text}, stable across runs. It only has to look like and behave like a SHA-256
   * (same input, same digest), so a fast mixing hash stands in for the real one.
   */
  static String fingerprint(String text) {
    long h = Internet.fnv(text);
    StringBuilder hex = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      String part = Long.toHexString(Internet.mix(h + i * 0x9e3779b97f4a7c15L));
      hex.append("0".repeat(16 - part.length())).append(part);
    }
    return hex.toString();
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
