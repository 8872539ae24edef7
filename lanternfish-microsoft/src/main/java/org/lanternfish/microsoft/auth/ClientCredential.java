package org.lanternfish.microsoft.auth;

import java.net.URI;
import java.time.Instant;

/** How the application proves itself to Entra: a client secret or a certificate. */
public sealed interface ClientCredential permits ClientSecret, ClientCertificate {

  /**
   * The form fields of a client-credentials token request to {@code tokenEndpoint} for {@code clientId} at
   * {@code now}, URL-encoded and joined by {@code &}.
   */
  String formFields(URI tokenEndpoint, String clientId, Instant now);
}
