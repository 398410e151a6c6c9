package dev.steward.adapter.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;

/**
 * A real LDAP server in this process (UnboundID's in-memory directory), listening on loopback and
 * loaded from an LDIF file: the directory of the embedded defaults and of many tests. Steward
 * reaches it over TCP like any other server.
 */
public final class EmbeddedLdapServer implements AutoCloseable {
  private final InMemoryDirectoryServer server;
  private final String serviceDn;
  private final String servicePassword;

  private EmbeddedLdapServer(InMemoryDirectoryServer server, String serviceDn, String password) {
    this.server = server;
    this.serviceDn = serviceDn;
    this.servicePassword = password;
  }

  /**
   * Starts the server.
   *
   * @param port 0 for any free port
   * @param serviceDn the DN Steward binds as; it exists only as bind credentials
   */
  public static EmbeddedLdapServer start(
      String baseDn, int port, InputStream ldif, String serviceDn, String servicePassword)
      throws LDAPException, IOException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
    config.addAdditionalBindCredentials(serviceDn, servicePassword);
    // Without indexes every lookup by id, login or membership scans the whole directory.
    config.setEqualityIndexAttributes("entryUUID", "uid", "member", "cn", "objectClass", "owner");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "loopback", InetAddress.getLoopbackAddress(), port, null));
    // Only Steward's service account may search; everyone else can only bind as themselves.
    config.setAuthenticationRequiredOperationTypes(
        java.util.EnumSet.of(
            com.unboundid.ldap.sdk.OperationType.SEARCH,
            com.unboundid.ldap.sdk.OperationType.COMPARE,
            com.unboundid.ldap.sdk.OperationType.ADD,
            com.unboundid.ldap.sdk.OperationType.MODIFY,
            com.unboundid.ldap.sdk.OperationType.DELETE));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    try (LDIFReader reader = new LDIFReader(ldif)) {
      server.importFromLDIF(true, reader);
    }
    server.startListening();
    return new EmbeddedLdapServer(server, serviceDn, servicePassword);
  }

  /** Adds the entries of another LDIF file (for example, generated users for a benchmark). */
  public void load(InputStream ldif) throws LDAPException, IOException {
    try (LDIFReader reader = new LDIFReader(ldif)) {
      server.importFromLDIF(false, reader);
    }
  }

  public int port() {
    return server.getListenPort();
  }

  public String serviceDn() {
    return serviceDn;
  }

  public String servicePassword() {
    return servicePassword;
  }

  /** Direct access for tests that change the directory behind Steward's back. */
  public InMemoryDirectoryServer server() {
    return server;
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
