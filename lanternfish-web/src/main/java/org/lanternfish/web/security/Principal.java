package org.lanternfish.web.security;

import java.util.Optional;

/**
 * Who a request acts for and how it proved it.
 *
 * @param user the user
 * @param session the browser session, when the request came with the session cookie; empty for tokens and Basic
 */
public record Principal(User user, Optional<Sessions.Session> session) {}
