package org.lanternfish.microsoft.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * An application's client secret. It never prints itself: {@link #toString()} hides it, so it cannot reach a log,
 * an error message or an API answer by accident; only the token request's form reads it ({@link #formFields}).
 */
public final class ClientSecret implements ClientCredential {
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
    requirePrivate(file, "client secret file");
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    String firstLine = text.lines().findFirst().orElse("").strip();
    if (firstLine.isEmpty()) {
      throw new IOException("client secret file " + file + " is empty");
    }
    return new ClientSecret(firstLine);
  }

  /** Refuses {@code file} (a {@code what}) unless it exists and only its owner may read or change it. */
  static void requirePrivate(Path file, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(what + " " + file + " does not exist or is not a file");
    }
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
      shared.addAll(permissions);
      shared.retainAll(SHARED);
      if (!shared.isEmpty()) {
        throw new IOException(what + " " + file + " is readable or writable by other users ("
            + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "): make it the service"
            + " user's alone with 'chmod 600 " + file + "'; it was not read");
      }
    }
  }

  @Override
  public String formFields(URI tokenEndpoint, String clientId, Instant now) {
    return "client_secret=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "ClientSecret[hidden]";
  }
}
