package org.lanternfish.simulate.traffic;

/**
 * One HTTP request and its response as the http log records them.
 *
 * @param method request method
 * @param host Host header
 * @param uri request target
 * @param userAgent User-Agent header
 * @param requestBody request body length in bytes
 * @param responseBody response body length in bytes
 * @param status response status code
 * @param mimeType MIME type of the response body
 * @param username user from basic authentication, or null
 */
public record HttpExchange(
    String method, String host, String uri, String userAgent, long requestBody, long responseBody, int status,
    String mimeType, String username) {}
