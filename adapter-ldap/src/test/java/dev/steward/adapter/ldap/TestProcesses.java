package dev.steward.adapter.ldap;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the fixtures that drive real directory servers (slapd, Samba, 389 DS) share. */
final class TestProcesses {
  private TestProcesses() {}

  /** Runs a command to its end (two minutes at most), failing with its output if it fails. */
  static void run(Path dir, List<String> command) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      b.directory(dir.toFile());
    }
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops a server process the test started, forcibly when it does not stop in time. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes a fixture's temporary directory, saying so when it cannot. */
  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[steward-tests] could not remove " + dir + ": " + e.getMessage());
    }
  }
}
