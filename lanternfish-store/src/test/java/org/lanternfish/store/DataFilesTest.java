package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

  @TempDir Path dir;

  @Test
  void replace_writesTheNewContentsAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("sub/users.json");
    DataFiles.replace(file, DataFiles.Access.DEFAULT, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
    DataFiles.replace(file, DataFiles.Access.DEFAULT, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));

    assertThat(file).hasContent("two");
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void replace_ownerOnly_isReadableByItsOwnerAlone() throws IOException {
    Path file = dir.resolve("secret.json");
    DataFiles.replace(file, DataFiles.Access.OWNER_ONLY, out -> out.write('x'));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void replace_whoseWriterFails_keepsTheOldContents() throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, "old");

    assertThatThrownBy(() -> DataFiles.replace(file, DataFiles.Access.DEFAULT, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("config.toml").hasMessageContaining("disk full");
    assertThat(file).hasContent("old");
    assertThat(Files.list(dir)).containsExactly(file);
  }
}
