package org.lanternfish.microsoft.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClientSecretTest {
  @TempDir
  Path dir;

  @Test
  void read_ownerOnlyFile_takesTheFirstLine_andNeverPrintsIt() throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "  s3cr3t-value  \nignored\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ClientSecret secret = ClientSecret.read(file);
    assertThat(secret.formFields(URI.create("https://login.example/t/oauth2/v2.0/token"), "app", Instant.EPOCH))
        .isEqualTo("client_secret=s3cr3t-value");
    assertThat(secret.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void read_worldReadableFile_isRefusedWithTheFix() throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "s3cr3t-value\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> ClientSecret.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("readable or writable by other users (rw-r--r--)")
        .hasMessageContaining("chmod 600 " + file).hasMessageNotContaining("s3cr3t");
  }

  @Test
  void read_missingOrEmptyFile_isRefused() throws IOException {
    assertThatThrownBy(() -> ClientSecret.read(dir.resolve("none"))).hasMessageContaining("does not exist");
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> ClientSecret.read(empty)).hasMessageContaining("is empty");
  }
}
