package dev.steward.adapter.ldap;

import dev.steward.domain.RoleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real LDAP servers for tests: UnboundID's in-memory server, and OpenLDAP's {@code slapd} when the
 * machine has it, started on a loopback port from a temporary directory and loaded with {@code
 * slapadd} (which, unlike an LDAP add, keeps the entryUUIDs the LDIF gives).
 */
public final class TestLdap {
  public static final String BASE_DN = "dc=example,dc=org";
  public static final String SERVICE_DN = "cn=steward,dc=example,dc=org";
  public static final String SERVICE_PASSWORD = "steward-service-pw";
  public static final Path SLAPD = Path.of("/usr/sbin/slapd");
  public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

  private TestLdap() {}

  /** Settings for a server on this port, with admins as the Global administrator group. */
  public static LdapSettings settings(int port, String bindDn, String password) {
    return LdapSettings.openLdapDefaults("127.0.0.1", port, bindDn, password, BASE_DN)
        .withDirectoryRoleGroups(
            Map.of(RoleDefinition.GLOBAL_ADMINISTRATOR, "cn=admins,ou=groups," + BASE_DN))
        .withMembershipCacheTtl(Duration.ZERO);
  }

  public static EmbeddedLdapServer inMemory(String ldifResource) {
    try (InputStream ldif = TestLdap.class.getResourceAsStream(ldifResource)) {
      return EmbeddedLdapServer.start(BASE_DN, 0, ldif, SERVICE_DN, SERVICE_PASSWORD);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The uids of a group's direct members, read over a connection of its own — an independent check
   * of what Steward wrote, not Steward's own view.
   */
  public static java.util.Set<String> directMemberLogins(int port, String groupCn) {
    return directMemberLogins(port, groupCn, SERVICE_DN, SERVICE_PASSWORD);
  }

  /** As above, bound as another account. */
  public static java.util.Set<String> directMemberLogins(
      int port, String groupCn, String bindDn, String password) {
    try (com.unboundid.ldap.sdk.LDAPConnection c =
        new com.unboundid.ldap.sdk.LDAPConnection("127.0.0.1", port, bindDn, password)) {
      com.unboundid.ldap.sdk.SearchResultEntry g =
          c.getEntry("cn=" + groupCn + ",ou=groups," + BASE_DN, "member");
      java.util.Set<String> logins = new java.util.HashSet<>();
      if (g != null && g.hasAttribute("member")) {
        for (String dn : g.getAttributeValues("member")) {
          com.unboundid.ldap.sdk.RDN rdn = new com.unboundid.ldap.sdk.DN(dn).getRDN();
          if (rdn.hasAttribute("uid")) {
            logins.add(rdn.getAttributeValues()[0]);
          }
        }
      }
      return logins;
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean slapdInstalled() {
    return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD);
  }

  /** Says loudly that slapd tests are skipped, and why. */
  /** Skips the calling suite (fails it on CI) when slapd is not installed. */
  public static void requireSlapd() {
    dev.steward.application.testing.Prerequisites.require(
        slapdInstalled(),
        "OpenLDAP slapd is not installed (apt-get install slapd ldap-utils);"
            + " the in-memory LDAP server still runs the same contract");
  }

  /** An OpenLDAP server of the tests' own; the root DN is Steward's service account. */
  public static final class Slapd implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private Slapd(Process process, int port, Path dir) {
      this.process = process;
      this.port = port;
      this.dir = dir;
    }

    public int port() {
      return port;
    }

    public static Slapd start(String ldifResource) {
      try {
        Path dir = Files.createTempDirectory("steward-slapd");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("slapd.conf");
        Files.writeString(
            conf,
            String.join(
                "\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include /etc/ldap/schema/nis.schema",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "moduleload memberof",
                "pidfile " + dir.resolve("slapd.pid"),
                "database mdb",
                "maxsize 104857600",
                "suffix \"" + BASE_DN + "\"",
                "rootdn \"" + SERVICE_DN + "\"",
                "rootpw " + SERVICE_PASSWORD,
                "directory " + data,
                "index objectClass,entryUUID,member,uid,cn eq",
                "overlay memberof",
                ""),
            StandardCharsets.UTF_8);
        Path ldif = dir.resolve("data.ldif");
        try (InputStream in = TestLdap.class.getResourceAsStream(ldifResource)) {
          Files.copy(in, ldif);
        }
        TestProcesses.run(
            null, List.of(SLAPADD.toString(), "-f", conf.toString(), "-l", ldif.toString()));
        int port = TestProcesses.freePort();
        Process p =
            new ProcessBuilder(
                    SLAPD.toString(),
                    "-f",
                    conf.toString(),
                    "-h",
                    "ldap://127.0.0.1:" + port + "/",
                    "-d",
                    "0")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapd.log").toFile())
                .start();
        waitForPort(port, p);
        return new Slapd(p, port, dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void waitForPort(int port, Process p) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("slapd exited with " + p.exitValue());
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException e) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      throw new IllegalStateException("slapd did not listen on port " + port);
    }

    /** Stops slapd. */
    public void stop() {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    public Path directory() {
      return dir;
    }

    @Override
    public void close() {
      stop();
    }
  }
}
