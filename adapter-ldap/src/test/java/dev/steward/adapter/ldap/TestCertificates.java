package dev.steward.adapter.ldap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool: a PKCS#12 key
 * store for the server and a trust store holding only the certificate, for the client.
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {
  public static TestCertificates create() {
    try {
      Path dir = Files.createTempDirectory("steward-tls");
      Path keyStore = dir.resolve("server.p12");
      Path cert = dir.resolve("server.crt");
      Path trustStore = dir.resolve("trust.p12");
      String pw = "test-store-pw";
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(
          keytool,
          "-genkeypair",
          "-alias",
          "steward",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          pw,
          "-keypass",
          pw);
      run(
          keytool,
          "-exportcert",
          "-alias",
          "steward",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          pw,
          "-rfc",
          "-file",
          cert.toString());
      run(
          keytool,
          "-importcert",
          "-noprompt",
          "-alias",
          "steward",
          "-file",
          cert.toString(),
          "-storetype",
          "PKCS12",
          "-keystore",
          trustStore.toString(),
          "-storepass",
          pw);
      return new TestCertificates(keyStore, trustStore, pw);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
  }
}
