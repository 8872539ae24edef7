package org.lanternfish.respond;

/** Where an action is in its life; every action ends expired, cleared or failed. */
public enum ActionState {
  /** Proposed by a policy that wants a human to confirm it; enforces nothing yet. */
  PENDING_CONFIRMATION,
  /** Enforced until its expiry. */
  ACTIVE,
  /** Its time ran out. */
  EXPIRED,
  /** Lifted by someone before its time ran out. */
  CLEARED,
  /** A backend could not enforce it. */
  FAILED;

  /** True for the states an action never leaves. */
  public boolean isFinal() {
    return this == EXPIRED || this == CLEARED || this == FAILED;
  }
}
