package org.lanternfish.web;

import java.util.List;
import java.util.Optional;

/** The model catalogue as the UI sees it, and the changes it makes to it: switching a model off or on, thresholds. */
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
   * Sets the lowest score at which the model {@code name} raises a breach, from detection's next start (0 raises every
   * firing); empty when there is no such model.
   */
  Optional<ModelView> setThreshold(String name, int threshold);

  /**
   * One model of the catalogue.
   *
   * @param id the stable id, such as {@code smb-drive-write}
   * @param name the full name, such as {@code Compliance / SMB Drive Write}
   * @param category the part of the name before " / "
   * @param on the signal kind it listens to
   * @param score its base score
   * @param techniques its MITRE ATT&CK techniques
   * @param enabled whether it fires
   * @param threshold the lowest score at which it raises a breach (0: every firing)
   * @param source the file and line that define it
   */
  record ModelView(String id, String name, String category, String on, int score, List<String> techniques,
      boolean enabled, int threshold, String source) {}
}
