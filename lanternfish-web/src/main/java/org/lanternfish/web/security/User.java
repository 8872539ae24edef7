package org.lanternfish.web.security;

/**
 * A person who logs in to the Threat Visualizer, or on whose behalf an API token acts.
 *
 * @param name the login name
 * @param role what the user may do
 */
public record User(String name, Role role) {}
