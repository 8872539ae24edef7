package org.lanternfish.respond;

/** A backend could not make a change: its tool or peer is missing, refused it, or did not answer. */
public final class BackendException extends RuntimeException {

  /** A failure described by {@code message}, which includes what the backend said. */
  public BackendException(String message) {
    super(message);
  }
}
