package org.lanternfish.web.pages;

/**
 * What every page's frame shows: its title, which menu entry is current, who is logged in, and the CSRF token its
 * forms and scripts send back.
 *
 * @param title the page's title
 * @param nav the current menu entry: dashboard, incidents, breaches, search, devices, actions, audit
 * @param user the user's name, or null on the login page
 * @param role the user's role
 * @param csrf the session's CSRF token, or empty
 * @param charts whether the page draws charts, so the charting library is loaded
 */
public record Frame(String title, String nav, String user, String role, String csrf, boolean charts) {
  /** Whether the user may act on incidents. */
  public boolean analyst() {
    return "analyst".equals(role) || "admin".equals(role);
  }

  /** Whether the user may change settings. */
  public boolean admin() {
    return "admin".equals(role);
  }
}
