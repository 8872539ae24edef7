package org.lanternfish.web;

/**
 * The one shape of every error the API answers: the status again, its name, and a reason a person can act on.
 *
 * @param status the HTTP status
 * @param error the status's name, such as "Bad Request"
 * @param reason what was wrong, such as "minScore must be a number from 0 to 100"
 * @param column for a bad search query, the 1-based column of the offending token; otherwise null
 */
public record ApiError(int status, String error, String reason, Integer column) {}
