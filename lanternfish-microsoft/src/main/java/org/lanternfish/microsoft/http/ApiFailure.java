package org.lanternfish.microsoft.http;

import java.io.IOException;

/**
 * A Microsoft endpoint that did not give what was asked, told in words an operator can act on: which call, what
 * kind of failure, the HTTP status and Microsoft's own error code and message when it sent them.
 */
public final class ApiFailure extends IOException {

  /** What went wrong, by what the operator does about it. */
  public enum Kind {
    /** No answer: the host does not resolve, refuses the connection or times out. */
    UNREACHABLE,
    /** The token endpoint refused the tenant, the application or its secret. */
    BAD_CREDENTIALS,
    /** The API refused the token (401). */
    UNAUTHORIZED,
    /** The token is valid but lacks a permission (403). */
    FORBIDDEN,
    /** Still throttled (429) or failing (5xx) after every retry. */
    UNAVAILABLE,
    /** Any other refusal (400, 404, ...). */
    REJECTED,
    /** A 2xx answer that is not the JSON the call expects. */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final int status;

  /** A failure of {@code kind} with HTTP {@code status} (0 without an answer), described by {@code message}. */
  public ApiFailure(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  /** A failure of {@code kind} caused by {@code cause}. */
  public ApiFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = 0;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
