package org.lanternfish.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A catalogue held in a list, for tests of the web layer alone (the app's catalogue reads model files). */
final class ListedModels implements ModelSwitches {
  private final List<ModelView> models = new ArrayList<>(List.of(
      new ModelView("unusual-admin-smb-session", "Anomalous Connection / Unusual Admin SMB Session",
          "Anomalous Connection", "smb_session", 70, List.of("T1021.002"), true, 0, "lateral.models:10"),
      new ModelView("unusual-rdp", "Anomalous Connection / Unusual RDP", "Anomalous Connection", "rdp", 60,
          List.of("T1021.001"), true, 0, "lateral.models:30"),
      new ModelView("locked", "Compliance / Locked", "Compliance", "smb_write", 30, List.of(), false, 0,
          "site.models:1")));

  @Override
  public synchronized List<ModelView> models() {
    return List.copyOf(models);
  }

  @Override
  public synchronized Optional<ModelView> setEnabled(String name, boolean enabled) {
    return change(name, m -> {
      if (enabled && m.source().startsWith("site.models")) {
        throw new IllegalStateException("switched off in " + m.source() + "; edit that file");
      }
      return new ModelView(m.id(), m.name(), m.category(), m.on(), m.score(), m.techniques(), enabled, m.threshold(),
          m.source());
    });
  }

  @Override
  public synchronized Optional<ModelView> setThreshold(String name, int threshold) {
    return change(name, m -> new ModelView(m.id(), m.name(), m.category(), m.on(), m.score(), m.techniques(),
        m.enabled(), threshold, m.source()));
  }

  private Optional<ModelView> change(String name, UnaryOperator<ModelView> change) {
    for (int i = 0; i < models.size(); i++) {
      if (models.get(i).name().equals(name)) {
        ModelView changed = change.apply(models.get(i));
        models.set(i, changed);
        return Optional.of(changed);
      }
    }
    return Optional.empty();
  }
}
