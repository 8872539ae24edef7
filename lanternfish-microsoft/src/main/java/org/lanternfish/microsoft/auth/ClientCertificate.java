package org.lanternfish.microsoft.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * An application's certificate credential: each token request carries a client assertion, a JWT signed (RS256)
 * with the certificate's private key and naming the certificate by its SHA-256 thumbprint ({@code x5t#S256}), as
 * Entra's certificate credentials expect. Like a secret it never prints itself, and it is read only from a file
 * that is the service user's alone.
 */
public final class ClientCertificate implements ClientCredential {
  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  /** How long a client assertion is valid. */
  static final long ASSERTION_SECONDS = 600;
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private final PrivateKey key;
  private final X509Certificate certificate;

  /** A credential of {@code certificate} and its RSA private {@code key}. */
  public ClientCertificate(PrivateKey key, X509Certificate certificate) {
    if (!"RSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException("the certificate's private key is " + key.getAlgorithm() + ", not RSA");
    }
    this.key = key;
    this.certificate = certificate;
  }

  /**
   * Reads a PEM file holding the private key ({@code BEGIN PRIVATE KEY}, PKCS#8) and the certificate
   * ({@code BEGIN CERTIFICATE}), refusing a file other users may read or change.
   */
  public static ClientCertificate read(Path file) throws IOException {
    ClientSecret.requirePrivate(file, "client certificate file");
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] key = null;
    byte[] certificate = null;
    for (Matcher m = PEM.matcher(text); m.find(); ) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY" -> key = der;
        case "CERTIFICATE" -> certificate = certificate == null ? der : certificate;
        default -> throw new IOException("client certificate file " + file + " holds a " + m.group(1) + "; give"
            + " the key as an unencrypted PKCS#8 PRIVATE KEY (openssl pkcs8 -topk8 -nocrypt)");
      }
    }
    if (key == null || certificate == null) {
      throw new IOException("client certificate file " + file + " needs both a PRIVATE KEY and a CERTIFICATE"
          + " in PEM");
    }
    try {
      return new ClientCertificate(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key)),
          (X509Certificate) CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("client certificate file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public String formFields(URI tokenEndpoint, String clientId, Instant now) {
    return "client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + assertion(tokenEndpoint, clientId, now);
  }

  /** The signed JWT that proves the application holds the certificate's key. */
  String assertion(URI tokenEndpoint, String clientId, Instant now) {
    try {
      ObjectNode header = MicrosoftHttp.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT")
          .put("x5t#S256", base64(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
      long at = now.getEpochSecond();
      ObjectNode claims = MicrosoftHttp.JSON.createObjectNode().put("aud", tokenEndpoint.toString())
          .put("iss", clientId).put("sub", clientId).put("jti", UUID.randomUUID().toString()).put("nbf", at)
          .put("iat", at).put("exp", at + ASSERTION_SECONDS);
      String signed = base64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
          + base64(claims.toString().getBytes(StandardCharsets.UTF_8));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
    }
  }

  /** The certificate, for the operator to compare with the one registered on the application. */
  public X509Certificate certificate() {
    return certificate;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
