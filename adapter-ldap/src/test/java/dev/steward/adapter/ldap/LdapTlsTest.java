package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Steward reaches the directory over LDAPS and over StartTLS, and refuses a certificate it does not
 * trust.
 */
class LdapTlsTest {
  private static TestCertificates certs;
  private static InMemoryDirectoryServer server;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.create();
    SSLUtil serverSsl =
        new SSLUtil(
            new KeyStoreKeyManager(
                certs.keyStore().toFile(), certs.password().toCharArray(), "PKCS12", "steward"),
            new TrustAllTrustManager());
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(TestLdap.BASE_DN);
    config.addAdditionalBindCredentials(TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig(
            "ldaps", loopback, 0, serverSsl.createSSLServerSocketFactory(), null),
        InMemoryListenerConfig.createLDAPConfig(
            "ldap", loopback, 0, serverSsl.createSSLSocketFactory()));
    server = new InMemoryDirectoryServer(config);
    try (LDIFReader ldif = new LDIFReader(TestLdap.class.getResourceAsStream("/contract.ldif"))) {
      server.importFromLDIF(true, ldif);
    }
    server.startListening();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.shutDown(true);
  }

  private static LdapSettings settings(String listener, LdapSettings.Tls tls, String trustStore) {
    return TestLdap.settings(
            server.getListenPort(listener), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD)
        .withTls(tls, trustStore, certs.password());
  }

  @Test
  void ldapsWithATrustedCertificateWorks() throws Exception {
    try (LdapDirectory d =
        new LdapDirectory(
            vertx, settings("ldaps", LdapSettings.Tls.LDAPS, certs.trustStore().toString()))) {
      assertEquals("alice", await(d.authenticate("alice", "alice-pw")).orElseThrow().login());
    }
  }

  @Test
  void startTlsWithATrustedCertificateWorks() throws Exception {
    try (LdapDirectory d =
        new LdapDirectory(
            vertx, settings("ldap", LdapSettings.Tls.STARTTLS, certs.trustStore().toString()))) {
      assertEquals("bob", await(d.findUserByLogin("bob")).orElseThrow().login());
    }
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    assertThrows(
        LDAPException.class,
        () -> new LdapDirectory(vertx, settings("ldaps", LdapSettings.Tls.LDAPS, "")));
    assertThrows(
        LDAPException.class,
        () -> new LdapDirectory(vertx, settings("ldap", LdapSettings.Tls.STARTTLS, "")));
  }
}
