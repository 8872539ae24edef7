package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
    DataFiles.replace(file, "one".getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
    DataFiles.replace(file, "two".getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);

    assertThat(file).hasContent("two");
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void replace_ownerOnly_isReadableByItsOwnerAlone() throws IOException {
    Path file = dir.resolve("secret.json");
    DataFiles.replace(file, new byte[] {'x'}, DataFiles.Access.OWNER_ONLY);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void replace_thatCannotMoveItsTemporaryFile_keepsTheOldContentsAndCleansUp() throws IOException {
    Path file = Files.createDirectories(dir.resolve("config.toml"));
    Files.writeString(file.resolve("inside"), "old");

    assertThatThrownBy(() -> DataFiles.replace(file, "new".getBytes(StandardCharsets.UTF_8),
        DataFiles.Access.DEFAULT)).isInstanceOf(IOException.class);
    assertThat(file.resolve("inside")).hasContent("old");
    assertThat(dir.resolve("config.toml.tmp")).doesNotExist();
  }
}
