package org.lanternfish.store;

/** A failure of the event store, such as a database error, with the operation that failed in its message. */
public class StoreException extends RuntimeException {
  /** Creates the exception for {@code message} caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception for {@code message}. */
  public StoreException(String message) {
    super(message);
  }
}
