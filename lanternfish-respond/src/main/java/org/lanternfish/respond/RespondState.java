package org.lanternfish.respond;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What RESPOND saves with its outbox position in one commit: every action in the ledger and the responder's memory
 * of recent breaches. Stored as JSON under {@link #NAME}.
 *
 * @param version the format version
 * @param actions the ledger's actions, oldest first
 * @param memory the responder's recent breaches
 * @param incidents each open incident's priority when last seen (absent from state saved before incident rules)
 */
public record RespondState(int version, List<Action> actions, List<Responder.Remembered> memory,
    Map<String, Integer> incidents) {

  /** The learned-state name RESPOND's state is saved under. */
  public static final String NAME = "respond";
  /** The format this code reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Makes the lists immutable. */
  public RespondState {
    actions = List.copyOf(actions);
    memory = List.copyOf(memory);
    incidents = incidents == null ? Map.of() : Map.copyOf(incidents);
  }

  /** The state of {@code ledger} and {@code responder}. */
  public static RespondState of(ActionLedger ledger, Responder responder) {
    return new RespondState(VERSION, ledger.all(), responder.memory(), responder.incidentPriorities());
  }

  /** The state as saved. */
  public byte[] encode() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write RESPOND's state: " + e.getMessage(), e);
    }
  }

  /** The state saved by {@link #encode()}; throws when it is not RESPOND's state of this version. */
  public static RespondState decode(byte[] bytes) {
    RespondState state;
    try {
      state = JSON.readValue(bytes, RespondState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("RESPOND's saved state cannot be read: " + e.getMessage(), e);
    }
    if (state.version() != VERSION) {
      throw new IllegalArgumentException("RESPOND's saved state is of format " + state.version() + ", this build"
          + " reads " + VERSION);
    }
    return state;
  }
}
