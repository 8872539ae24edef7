package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.web.ModelSwitches.ModelView;

final class ModelSwitchFileTest {
  private static final String MODEL = "Compliance / SMB Drive Write";
  @TempDir Path dataDir;

  @Test
  void setEnabled_off_isWhatDetectionLoadsNext_andOnTakesTheBlockOutAgain() throws IOException {
    ModelSwitchFile switches = new ModelSwitchFile(dataDir);
    int shipped = switches.models().size();
    assertThat(switches.setEnabled(MODEL, false)).hasValueSatisfying(m -> assertThat(m.enabled()).isFalse());
    assertThat(ModelFiles.load(dataDir).catalogue().get(MODEL).enabled()).isFalse();
    assertThat(switches.models()).hasSize(shipped);
    assertThat(switches.setEnabled(MODEL, true)).hasValueSatisfying(m -> assertThat(m.enabled()).isTrue());
    assertThat(ModelFiles.load(dataDir).catalogue().get(MODEL).enabled()).isTrue();
    assertThat(ModelFiles.load(dataDir).catalogue().get(MODEL).conditions()).isNotEmpty();
    assertThat(dataDir.resolve("models").resolve(ModelSwitchFile.FILE)).doesNotExist();
    assertThat(switches.setEnabled("No / Such Model", false)).isEmpty();
  }

  @Test
  void setThreshold_isWhatDetectionLoadsNext_zeroRemovesIt_andABadFileIsNamed() throws IOException {
    ModelSwitchFile switches = new ModelSwitchFile(dataDir);
    assertThat(switches.setThreshold(MODEL, 75)).hasValueSatisfying(m -> assertThat(m.threshold()).isEqualTo(75));
    ModelFiles loaded = ModelFiles.load(dataDir);
    assertThat(loaded.catalogue().get(MODEL).threshold()).isEqualTo(75);
    assertThat(loaded.catalogue().get(MODEL).conditions()).isNotEmpty();
    assertThat(loaded.errors()).isEmpty();
    Path file = dataDir.resolve("models").resolve("thresholds.toml");
    assertThat(Files.readString(file)).contains("\"smb-drive-write\" = 75");
    assertThat(switches.setThreshold("smb-drive-write", 0))
        .hasValueSatisfying(m -> assertThat(m.threshold()).isZero());
    assertThat(file).doesNotExist();
    assertThat(switches.setThreshold("No / Such Model", 5)).isEmpty();

    Files.writeString(file, "\"smb-drive-write\" = 300\n\"no-such-model\" = 5\n");
    assertThat(ModelFiles.load(dataDir).errors()).anySatisfy(e -> assertThat(e).contains("0 to 100"))
        .anySatisfy(e -> assertThat(e).contains("no model 'no-such-model'"));
    assertThatThrownBy(() -> switches.setThreshold(MODEL, 50)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("thresholds.toml");
  }

  @Test
  void setEnabled_onForAModelTheUserSwitchedOffInTheirOwnFile_saysWhichFile() throws IOException {
    ModelSwitchFile switches = new ModelSwitchFile(dataDir);
    ModelView shipped = switches.models().stream().filter(m -> m.name().equals(MODEL)).findFirst().orElseThrow();
    Files.createDirectories(dataDir.resolve("models"));
    Files.writeString(dataDir.resolve("models").resolve("site.models"), "model: " + MODEL + "\non: " + shipped.on()
        + "\nscore: 10\nenabled: false\n");
    assertThatThrownBy(() -> switches.setEnabled(MODEL, true)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("site.models:1");
    assertThat(Files.readString(dataDir.resolve("models").resolve("site.models"))).contains("enabled: false");
  }
}
