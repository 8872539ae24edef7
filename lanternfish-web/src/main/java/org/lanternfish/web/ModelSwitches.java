package org.lanternfish.web;

import java.util.List;
import java.util.Optional;

/** The model catalogue as the UI sees it, and the one change it makes to it: switching a model off or on. */
public interface ModelSwitches {
  /** Every model, by name. */
  List<ModelView> models();

  /**
   * Switches the model {@code name} on or off for detection's next start; empty when there is no such model.
   *
   * @throws IllegalStateException when the change cannot be made here (the reason says where to make it)
   */
  Optional<ModelView> setEnabled(String name, boolean enabled);

  /**
   * One model of the catalogue.
   *
   * @param name the full name, such as {@code Compliance / SMB Drive Write}
   * @param category the part of the name before " / "
   * @param on the signal kind it listens to
   * @param score its base score
   * @param techniques its MITRE ATT&CK techniques
   * @param enabled whether it fires
   * @param source the file and line that define it
   */
  record ModelView(String name, String category, String on, int score, List<String> techniques, boolean enabled,
      String source) {}
}
