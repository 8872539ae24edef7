package org.lanternfish.web.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** A password or token: the one type that holds a secret, and it never prints itself. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}; null becomes the empty secret. */
  public static Secret of(String value) {
    return new Secret(value == null ? "" : value);
  }

  /** The secret itself, for the one place that must hash or compare it. */
  public String reveal() {
    return value;
  }

  /** Whether no secret was given. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Compares in time independent of where the texts differ, so a timing cannot guess a token. */
  public boolean matches(Secret other) {
    return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secret[hidden]";
  }
}
