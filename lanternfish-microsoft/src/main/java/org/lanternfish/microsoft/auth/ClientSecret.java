package org.lanternfish.microsoft.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * An application's client secret. It never prints itself: {@link #toString()} hides it, so it cannot reach a log,
 * an error message or an API answer by accident; only the token request reads it, through {@link #reveal()}.
 */
public final class ClientSecret {
  private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final String value;

  /** A secret with this value; blank values are refused. */
  public ClientSecret(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the client secret is empty");
    }
    this.value = value;
  }

  /**
   * Reads the secret from {@code file} (its first line), refusing a file other users may read or change: the
   * secret opens the tenant's security data, so only the service user may hold it.
   */
  public static ClientSecret read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("client secret file " + file + " does not exist or is not a file");
    }
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
      shared.addAll(permissions);
      shared.retainAll(SHARED);
      if (!shared.isEmpty()) {
        throw new IOException("client secret file " + file + " is readable or writable by other users ("
            + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "): make it the service"
            + " user's alone with 'chmod 600 " + file + "'; it was not read");
      }
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    String firstLine = text.lines().findFirst().orElse("").strip();
    if (firstLine.isEmpty()) {
      throw new IOException("client secret file " + file + " is empty");
    }
    return new ClientSecret(firstLine);
  }

  /** The secret itself, for the token request only. */
  String reveal() {
    return value;
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "ClientSecret[hidden]";
  }
}
