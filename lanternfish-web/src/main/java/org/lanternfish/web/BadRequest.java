package org.lanternfish.web;

/** Input the API cannot act on; answered with 400 and the message as the reason. */
public final class BadRequest extends IllegalArgumentException {
  /** A bad request for {@code reason}. */
  public BadRequest(String reason) {
    super(reason);
  }
}
