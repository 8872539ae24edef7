package org.lanternfish.web.security;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Passwords as bcrypt hashes (Bouncy Castle's), so a stolen user file does not give the passwords away. */
final class PasswordHash {
  // Cost 10: about 60 ms a check on one core of the 2-core test machine, slow for guessing, quick for a login.
  private static final int COST = 10;
  // bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut.
  static final int MAX_BYTES = 72;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  static String hash(Secret password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password.reveal().toCharArray(), salt, COST);
  }

  static boolean matches(String hash, Secret password) {
    try {
      return OpenBSDBCrypt.checkPassword(hash, password.reveal().toCharArray());
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }
}
