package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Samba Active Directory domain controller for tests: provisioned once per test JVM into a
 * temporary directory ({@code samba-tool domain provision}), serving only LDAP on the loopback
 * interface, strict as a DC is (simple binds need TLS: it listens with a certificate for
 * 127.0.0.1), and stopped when the JVM ends. Samba's LDAP ports are fixed at 389 and 636, so one DC
 * runs at a time; it needs root.
 */
public final class SambaDc {
  public static final String DOMAIN = "STEWARD";
  public static final String REALM = "steward.test";
  public static final String BASE_DN = "DC=steward,DC=test";
  public static final String ADMIN_DN = "CN=Administrator,CN=Users," + BASE_DN;
  public static final String ADMIN_PASSWORD = "Steward-Admin-pw-1";
  public static final int LDAPS_PORT = 636;
  static final Path SAMBA = Path.of("/usr/sbin/samba");
  static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");
  static final Path OPENSSL = Path.of("/usr/bin/openssl");

  private static SambaDc shared;

  private final Path dir;
  private final Process process;
  private final Path trustStore;
  private final Duration provisioning;

  private SambaDc(Path dir, Process process, Path trustStore, Duration provisioning) {
    this.dir = dir;
    this.process = process;
    this.trustStore = trustStore;
    this.provisioning = provisioning;
  }

  /** Skips the calling suite (fails it on CI) when Samba's DC cannot be run here. */
  public static void require() {
    dev.steward.application.testing.Prerequisites.require(
        Files.isExecutable(SAMBA)
            && Files.isExecutable(SAMBA_TOOL)
            && Files.isExecutable(OPENSSL)
            && "root".equals(System.getProperty("user.name")),
        "Samba's AD DC is not installed or the tests do not run as root"
            + " (apt-get install samba samba-ad-dc; it binds ports 389 and 636)");
  }

  /** The DC of this JVM, provisioned and started on first use. */
  public static synchronized SambaDc shared() {
    require();
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public Duration provisioning() {
    return provisioning;
  }

  public Path trustStore() {
    return trustStore;
  }

  public String trustStorePassword() {
    return "changeit";
  }

  /** Active Directory settings for Steward bound as the given account, over LDAPS. */
  public LdapSettings settings(String bindDn, String password) {
    return DirectoryType.ACTIVE_DIRECTORY
        .settings("127.0.0.1", LDAPS_PORT, bindDn, password, BASE_DN)
        .withTls(LdapSettings.Tls.LDAPS, trustStore.toString(), trustStorePassword())
        .withMembershipCacheTtl(Duration.ZERO);
  }

  /** A connection of the test's own as the domain's Administrator, over LDAPS. */
  public LDAPConnection admin() {
    try {
      SSLUtil ssl =
          new SSLUtil(
              new TrustStoreTrustManager(
                  trustStore.toFile(), trustStorePassword().toCharArray(), "PKCS12", true));
      return new LDAPConnection(
          ssl.createSSLSocketFactory(), "127.0.0.1", LDAPS_PORT, ADMIN_DN, ADMIN_PASSWORD);
    } catch (LDAPException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SambaDc start() {
    try {
      waitForPorts(false, Duration.ofMinutes(2));
      Path dir = Files.createTempDirectory("steward-samba");
      Path target = dir.resolve("dc");
      long begin = System.nanoTime();
      run(
          SAMBA_TOOL.toString(),
          "domain",
          "provision",
          "--realm=" + REALM.toUpperCase(java.util.Locale.ROOT),
          "--domain=" + DOMAIN,
          "--adminpass=" + ADMIN_PASSWORD,
          "--server-role=dc",
          "--dns-backend=NONE",
          "--use-rfc2307",
          "--host-name=stewarddc",
          "--targetdir=" + target,
          "--option=server services = ldap",
          "--option=interfaces = lo",
          "--option=bind interfaces only = yes");
      Duration provisioning = Duration.ofNanos(System.nanoTime() - begin);
      Path key = target.resolve("private/steward-tls-key.pem");
      Path cert = target.resolve("private/steward-tls-cert.pem");
      run(
          OPENSSL.toString(),
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          key.toString(),
          "-out",
          cert.toString(),
          "-days",
          "2",
          "-subj",
          "/CN=localhost",
          "-addext",
          "subjectAltName=IP:127.0.0.1,DNS:localhost");
      Files.setPosixFilePermissions(
          key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      Path conf = target.resolve("etc/smb.conf");
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(conf)) {
        if (line.trim().startsWith("log file")) {
          continue;
        }
        lines.add(line);
        if (line.trim().equals("[global]")) {
          lines.add("\ttls enabled = yes");
          lines.add("\ttls keyfile = " + key);
          lines.add("\ttls certfile = " + cert);
          lines.add("\ttls cafile = ");
          lines.add("\tlog file = " + target.resolve("samba.log"));
          lines.add("\tpid directory = " + target);
        }
      }
      Files.write(conf, lines);
      // The contract's short passwords (alice-pw) would fail AD's default complexity rules.
      run(
          SAMBA_TOOL.toString(),
          "domain",
          "passwordsettings",
          "set",
          "-s",
          conf.toString(),
          "-H",
          target.resolve("private/sam.ldb").toString(),
          "--complexity=off",
          "--min-pwd-length=1",
          "--history-length=0",
          "--min-pwd-age=0");
      Path trustStore = dir.resolve("trust.p12");
      run(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-importcert",
          "-noprompt",
          "-alias",
          "samba",
          "-file",
          cert.toString(),
          "-storetype",
          "PKCS12",
          "-keystore",
          trustStore.toString(),
          "-storepass",
          "changeit");
      Process p =
          new ProcessBuilder(SAMBA.toString(), "-i", "-M", "single", "-s", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("samba.out").toFile())
              .start();
      SambaDc dc = new SambaDc(dir, p, trustStore, provisioning);
      try {
        waitForPorts(true, Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        dc.stop();
        throw new IllegalStateException(
            e.getMessage() + ": " + Files.readString(dir.resolve("samba.out")), e);
      }
      System.err.println(
          "[steward-tests] Samba AD DC provisioned in "
              + provisioning.toMillis()
              + " ms, serving LDAPS on 127.0.0.1:636 from "
              + dir);
      return dc;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void run(String... command) throws IOException {
    TestProcesses.run(null, List.of(command));
  }

  /** Waits until both LDAP ports accept connections (or, before starting, until neither does). */
  private static void waitForPorts(boolean open, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (listening(389) == open && listening(LDAPS_PORT) == open) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException(
        open
            ? "Samba did not listen on 127.0.0.1:389 and 636"
            : "ports 389 or 636 on 127.0.0.1 are held by another process (another Samba DC?)");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops this DC's samba process (only the one it started). */
  public void stop() {
    TestProcesses.stop(process);
    TestProcesses.deleteTree(dir);
  }

  public Path directory() {
    return dir;
  }
}
