package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real 389 Directory Server for tests, without systemd: {@code dscreate ds-root} makes a private
 * root in a temporary directory (owned by {@code dirsrv}, as 389 refuses to run instances as root),
 * {@code dscreate from-file} the instance, and the test runs {@code ns-slapd} in the foreground on
 * a free loopback port, loaded over LDAP as Directory Manager (389 makes its own entryUUIDs).
 */
public record Ds389(Path dir, Process process, Path pidFile, int port) implements AutoCloseable {
  public static final String ROOT_DN = "cn=Directory Manager";
  public static final String ROOT_PASSWORD = "Steward-ds-pw-1";
  static final Path DSCREATE = Path.of("/usr/sbin/dscreate");
  static final Path NS_SLAPD = Path.of("/usr/sbin/ns-slapd");

  /** Skips the calling suite (fails it on CI) when 389 DS cannot be run here. */
  public static void require() {
    dev.steward.application.testing.Prerequisites.require(
        Files.isExecutable(DSCREATE)
            && Files.isExecutable(NS_SLAPD)
            && Files.isExecutable(Path.of("/usr/sbin/runuser"))
            && "root".equals(System.getProperty("user.name")),
        "389 Directory Server is not installed or the tests do not run as root"
            + " (apt-get install 389-ds-base; instances run as the dirsrv user)");
  }

  /** A connection of the test's own as Directory Manager. */
  public LDAPConnection admin() throws LDAPException {
    return new LDAPConnection("127.0.0.1", port, ROOT_DN, ROOT_PASSWORD);
  }

  /** Creates and starts an instance for the base DN, then adds the LDIF's entries. */
  public static Ds389 start(String baseDn, String ldifResource) {
    require();
    try {
      Path dir = Files.createTempDirectory("steward-389");
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path root = dir.resolve("root");
      TestProcesses.run(dir, List.of("chown", "-R", "dirsrv:dirsrv", dir.toString()));
      TestProcesses.run(dir, List.of("chmod", "755", dir.toString()));
      asDirsrv(dir, DSCREATE.toString(), "ds-root", root.toString(), bin.toString());
      int port = TestProcesses.freePort();
      Path inf = dir.resolve("instance.inf");
      Files.writeString(
          inf,
          String.join(
              "\n",
              "[general]",
              "start = False",
              "strict_host_checking = False",
              "full_machine_name = localhost",
              "[slapd]",
              "instance_name = steward",
              "port = " + port,
              "secure_port = " + TestProcesses.freePort(),
              "self_sign_cert = False",
              "root_password = " + ROOT_PASSWORD,
              "[backend-userroot]",
              "suffix = " + baseDn,
              "create_suffix_entry = False",
              "sample_entries = no",
              ""));
      TestProcesses.run(dir, List.of("chown", "dirsrv:dirsrv", inf.toString()));
      asDirsrv(dir, bin.resolve("dscreate").toString(), "from-file", inf.toString());
      Path config = root.resolve("etc/dirsrv/slapd-steward");
      // Loopback only: 389 listens on every interface unless told.
      List<String> dse = new ArrayList<>();
      for (String line : Files.readAllLines(config.resolve("dse.ldif"))) {
        dse.add(line);
        if (line.equals("dn: cn=config")) {
          dse.add("nsslapd-listenhost: 127.0.0.1");
        }
      }
      Files.write(config.resolve("dse.ldif"), dse);
      Path pidFile = root.resolve("run/dirsrv/slapd-steward.pid");
      Process p =
          new ProcessBuilder(
                  "runuser",
                  "-u",
                  "dirsrv",
                  "--",
                  NS_SLAPD.toString(),
                  "-D",
                  config.toString(),
                  "-i",
                  pidFile.toString(),
                  "-d",
                  "0")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("ns-slapd.out").toFile())
              .start();
      Ds389 ds = new Ds389(dir, p, pidFile, port);
      try {
        ds.load(ldifResource);
      } catch (RuntimeException | LDAPException | IOException e) {
        ds.close();
        throw new IllegalStateException("389 DS did not start or load: " + e.getMessage(), e);
      }
      return ds;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits up to a minute for ns-slapd to take a bind. */
  private LDAPConnection connect() throws LDAPException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return admin();
      } catch (LDAPException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void load(String ldifResource) throws LDAPException, IOException {
    try (LDAPConnection c = connect();
        InputStream in = Ds389.class.getResourceAsStream(ldifResource);
        LDIFReader ldif = new LDIFReader(in)) {
      com.unboundid.ldap.sdk.Entry e;
      while ((e = readEntry(ldif)) != null) {
        // entryUUID is the server's to make.
        e.removeAttribute("entryUUID");
        if (c.getEntry(e.getDN(), "1.1") == null) {
          // dscreate may have made the suffix's entry already.
          c.add(e);
        }
      }
    }
  }

  private static com.unboundid.ldap.sdk.Entry readEntry(LDIFReader ldif) throws IOException {
    try {
      return ldif.readEntry();
    } catch (com.unboundid.ldif.LDIFException e) {
      throw new IOException(e);
    }
  }

  private static void asDirsrv(Path dir, String... command) throws IOException {
    List<String> full =
        new ArrayList<>(
            List.of(
                "runuser",
                "-u",
                "dirsrv",
                "--",
                "env",
                "HOME=" + dir,
                "PATH=" + dir.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin"));
    full.addAll(List.of(command));
    TestProcesses.run(dir, full);
  }

  /** Stops the ns-slapd this fixture started (by its pid file) and removes the instance. */
  @Override
  public void close() {
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
            .ifPresent(
                h -> {
                  h.destroy();
                  h.onExit().orTimeout(20, TimeUnit.SECONDS).join();
                });
      }
    } catch (IOException | NumberFormatException | java.util.concurrent.CompletionException e) {
      System.err.println("[steward-tests] stopping 389 DS: " + e.getMessage());
    }
    TestProcesses.stop(process);
    TestProcesses.deleteTree(dir);
  }
}
