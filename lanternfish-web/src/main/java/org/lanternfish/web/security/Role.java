package org.lanternfish.web.security;

import com.fasterxml.jackson.annotation.JsonValue;
import io.javalin.security.RouteRole;
import java.util.Locale;

/** What a user may do: viewers read, analysts also acknowledge, assign and close, admins also change settings. */
public enum Role implements RouteRole {
  VIEWER,
  ANALYST,
  ADMIN;

  /** Whether a user with this role may do what {@code needed} may. */
  public boolean includes(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** The role's name as users and the API write it: viewer, analyst, admin. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label}, case-insensitive; unknown names are refused. */
  public static Role of(String label) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(label)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + label + "' (viewer, analyst or admin)");
  }
}
