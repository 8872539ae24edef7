package org.lanternfish.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A catalogue held in a list, for tests of the web layer alone (the app's catalogue reads model files). */
final class ListedModels implements ModelSwitches {
  private final List<ModelView> models = new ArrayList<>(List.of(
      new ModelView("Anomalous Connection / Unusual Admin SMB Session", "Anomalous Connection", "smb_session", 70,
          List.of("T1021.002"), true, "lateral.models:10"),
      new ModelView("Anomalous Connection / Unusual RDP", "Anomalous Connection", "rdp", 60, List.of("T1021.001"),
          true, "lateral.models:30"),
      new ModelView("Compliance / Locked", "Compliance", "smb_write", 30, List.of(), false, "site.models:1")));

  @Override
  public synchronized List<ModelView> models() {
    return List.copyOf(models);
  }

  @Override
  public synchronized Optional<ModelView> setEnabled(String name, boolean enabled) {
    for (int i = 0; i < models.size(); i++) {
      ModelView m = models.get(i);
      if (m.name().equals(name)) {
        if (enabled && m.source().startsWith("site.models")) {
          throw new IllegalStateException("switched off in " + m.source() + "; edit that file");
        }
        ModelView changed = new ModelView(m.name(), m.category(), m.on(), m.score(), m.techniques(), enabled,
            m.source());
        models.set(i, changed);
        return Optional.of(changed);
      }
    }
    return Optional.empty();
  }
}
