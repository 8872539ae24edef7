package org.lanternfish.web.suppression;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import org.lanternfish.breach.Breach;

/**
 * One entry of the allowlist: a trusted device, a trusted destination, or a model trusted for one device. Breaches it
 * matches are still stored; while it is in force the default lists and dashboards leave them out.
 *
 * @param id its id, such as {@code S3}
 * @param kind what it trusts
 * @param device the device (host name or address, as breaches name it) for {@code DEVICE} and {@code MODEL_DEVICE}
 * @param destination the peer (address, IPv4 network, or domain with its subdomains) for {@code DESTINATION}
 * @param model the model (stable id or display name) for {@code MODEL_DEVICE}
 * @param expires when it stops hiding breaches
 * @param reason why it was made
 * @param createdBy who made it
 * @param created when
 * @param afterSeq the outbox's last sequence number when it was made: breaches after it were hidden since
 */
public record Suppression(String id, Kind kind, String device, String destination, String model, Instant expires,
    String reason, String createdBy, Instant created, long afterSeq) {

  /** What a suppression trusts. */
  public enum Kind {
    /** Every breach of one device. */
    DEVICE,
    /** Every breach whose peer is one destination. */
    DESTINATION,
    /** One model's breaches of one device. */
    MODEL_DEVICE;

    /** As the API and CSV write it: device, destination, model-device. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind written {@code label}; unknown labels are refused with the known ones. */
    @JsonCreator
    public static Kind of(String label) {
      for (Kind kind : values()) {
        if (kind.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
          return kind;
        }
      }
      throw new IllegalArgumentException("kind must be device, destination or model-device, not '" + label + "'");
    }
  }

  /** Whether it hides breaches at {@code now}. */
  public boolean inForce(Instant now) {
    return now.isBefore(expires);
  }

  /** Whether {@code breach} is one it trusts (whether or not it is in force). */
  public boolean matches(Breach breach) {
    return switch (kind) {
      case DEVICE -> device.equalsIgnoreCase(breach.device());
      case DESTINATION -> breach.peerValue() != null && Destinations.matches(destination, breach.peerValue());
      case MODEL_DEVICE -> device.equalsIgnoreCase(breach.device())
          && (model.equals(breach.modelId()) || model.equals(breach.model()));
    };
  }

  /** Whether it trusts the model {@code modelId} on {@code device}. */
  boolean trusts(String device, String modelId) {
    return kind == Kind.MODEL_DEVICE && this.device.equalsIgnoreCase(device) && model.equals(modelId);
  }

  /** What it trusts, in a few words. */
  public String describe() {
    return switch (kind) {
      case DEVICE -> "device " + device;
      case DESTINATION -> "destination " + destination;
      case MODEL_DEVICE -> "model " + model + " on " + device;
    };
  }
}
