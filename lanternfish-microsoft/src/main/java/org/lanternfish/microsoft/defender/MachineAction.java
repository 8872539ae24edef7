package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.lanternfish.microsoft.http.ApiFailure;

/**
 * A Defender for Endpoint machine action ({@code api/machineactions}), such as an isolation: what it does, to which
 * machine, and where it stands. Enumerations are kept in lower case, since Defender's case varies.
 *
 * @param id the action's id
 * @param type lower case, such as {@code isolate} or {@code unisolate}
 * @param scope for an isolation {@code full} or {@code selective}, otherwise null
 * @param status lower case: {@code pending}, {@code inprogress}, {@code succeeded}, {@code failed}, {@code timeout}
 *     or {@code cancelled}
 * @param machineId the machine it acts on
 * @param comment the requestor's comment, or null
 * @param created when it was requested
 */
public record MachineAction(String id, String type, String scope, String status, String machineId, String comment,
    Instant created) {

  /** True once Defender will not change it again. */
  public boolean finished() {
    return !status.equals("pending") && !status.equals("inprogress");
  }

  /** True for an action that did not (and will not) take effect: failed, timed out or cancelled. */
  public boolean unsuccessful() {
    return finished() && !status.equals("succeeded");
  }

  /** Reads one action as Defender returns it; throws {@link ApiFailure} for one missing its id, type or status. */
  static MachineAction read(JsonNode node, String what) throws ApiFailure {
    String id = text(node, "id");
    String type = text(node, "type");
    String status = text(node, "status");
    if (id == null || type == null || status == null) {
      throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, what + ": a machine action without id, type or status");
    }
    Instant created;
    try {
      String time = text(node, "creationDateTimeUtc");
      created = time == null ? Instant.EPOCH : Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, what + ": machine action " + id
          + " has an unreadable creationDateTimeUtc");
    }
    String scope = text(node, "scope");
    return new MachineAction(id, lower(type), scope == null ? null : lower(scope), lower(status),
        text(node, "machineId"), text(node, "requestorComment"), created);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
