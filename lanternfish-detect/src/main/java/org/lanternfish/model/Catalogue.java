package org.lanternfish.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models in force: the ones shipped with the product, overridden or extended by user definitions (a user model
 * with the same id replaces the shipped one, so tuning and disabling need no recompiling; a model without an
 * {@code id:} takes one from its display name, see {@link Model#idOf}).
 */
public final class Catalogue {

  /** The definition files shipped in {@code src/main/resources/models}. */
  public static final List<String> SHIPPED = List.of(
      "credentials.models", "lateral.models", "exfiltration.models", "command-and-control.models",
      "reconnaissance.models", "integration.models", "credential-access.models");

  private final Map<String, Model> models = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private Map<String, List<Model>> byKind = Map.of();
  private Set<String> remembered = Set.of();

  /** An empty catalogue. */
  public Catalogue() {}

  /** The shipped catalogue. */
  public static Catalogue shipped() {
    Catalogue c = new Catalogue();
    for (String file : SHIPPED) {
      try (InputStream in = Catalogue.class.getResourceAsStream("/models/" + file)) {
        if (in == null) {
          throw new IllegalStateException("shipped model file models/" + file + " is missing from the jar");
        }
        c.add("models/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return c;
  }

  /** Adds (or replaces, by id) the models in one definition text; returns the errors of its bad blocks. */
  public List<String> add(String source, String text) {
    ModelParser.Result result = ModelParser.parse(source, text);
    for (Model m : result.models()) {
      models.put(m.id(), m);
    }
    errors.addAll(result.errors());
    index();
    return result.errors();
  }

  /** Enables or disables a model by id or display name; returns false when there is no such model. */
  public boolean setEnabled(String name, boolean enabled) {
    Model m = get(name);
    if (m == null) {
      return false;
    }
    models.put(m.id(), m.withEnabled(enabled));
    index();
    return true;
  }

  /**
   * Sets the lowest score at which the model (by id or display name) raises a breach; returns false when there is no
   * such model.
   */
  public boolean setThreshold(String name, int threshold) {
    Model m = get(name);
    if (m == null) {
      return false;
    }
    models.put(m.id(), m.withThreshold(threshold));
    index();
    return true;
  }

  private void index() {
    Map<String, List<Model>> kinds = new HashMap<>();
    Set<String> seq = new HashSet<>();
    for (Model m : models.values()) {
      if (m.enabled()) {
        kinds.computeIfAbsent(m.on(), k -> new ArrayList<>()).add(m);
        for (Sequence s : m.sequences()) {
          seq.add(s.kind());
        }
      }
    }
    kinds.replaceAll((k, v) -> List.copyOf(v));
    byKind = Map.copyOf(kinds);
    remembered = Set.copyOf(seq);
  }

  /** The enabled models that listen to {@code kind}. */
  public List<Model> forKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** Signal kinds some enabled model looks back at with {@code after:}, which devices must remember. */
  public Set<String> remembered() {
    return remembered;
  }

  /** Every model, enabled or not, in load order. */
  public Collection<Model> models() {
    return List.copyOf(models.values());
  }

  /** The model with this id, or else with this display name, or null. */
  public Model get(String idOrName) {
    Model byId = models.get(idOrName);
    if (byId != null) {
      return byId;
    }
    return models.values().stream().filter(m -> m.name().equals(idOrName)).findFirst().orElse(null);
  }

  /** Every error met while adding definitions, as {@code source:line: reason}. */
  public List<String> errors() {
    return List.copyOf(errors);
  }
}
