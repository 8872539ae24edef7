package org.lanternfish.microsoft.fake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** RSA keys and self-signed certificates made by the JDK's own keytool, for tests of TLS and certificate logins. */
public final class TestCertificates {
  private static final char[] PASSWORD = "test-keystore-password".toCharArray();

  private TestCertificates() {}

  /** A PKCS#12 key store in {@code directory} with one key and a certificate for {@code cn} (also its IP SAN). */
  public static KeyStore keyStore(Path directory, String cn) throws IOException, InterruptedException {
    Path store = directory.resolve(cn.replaceAll("[^A-Za-z0-9]", "_") + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "key", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=" + cn,
        "-ext", cn.matches("[0-9.]+") ? "SAN=ip:" + cn : "SAN=dns:" + cn, "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
    String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed: " + said);
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      return keys;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The password of every key store made here. */
  public static char[] password() {
    return PASSWORD.clone();
  }

  /** The certificate of {@code keys}. */
  public static X509Certificate certificate(KeyStore keys) throws java.security.GeneralSecurityException {
    return (X509Certificate) keys.getCertificate("key");
  }

  /** Writes {@code keys}' private key (PKCS#8) and certificate to a PEM {@code file} that is its owner's alone. */
  public static Path pem(KeyStore keys, Path file) throws IOException, java.security.GeneralSecurityException {
    PrivateKey key = (PrivateKey) keys.getKey("key", PASSWORD);
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(certificate(keys).getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
