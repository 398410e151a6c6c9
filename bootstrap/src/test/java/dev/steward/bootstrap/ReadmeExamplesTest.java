package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's curl example of the seed's two procedures, run exactly as written. */
class ReadmeExamplesTest {
  /** The bash block after the n-th example marker. */
  private static String example(int n) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int marker = -1;
    for (int i = 0; i <= n; i++) {
      marker = readme.indexOf("<!-- readme-example -->", marker + 1);
    }
    int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
    int end = readme.indexOf("\n```\n", start);
    assertTrue(marker > 0 && start > marker && end > start, "README has its marked example " + n);
    return readme.substring(start, end);
  }

  private static String run(RunningSteward s, String script) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
    builder.environment().put("STEWARD", s.api.base());
    Process p = builder.start();
    p.getOutputStream().close();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void theSeedProceduresInTheReadmeWorkAsWritten() throws Exception {
    boolean curl = Files.isExecutable(Path.of("/usr/bin/curl"));
    if (!curl) {
      System.err.println("[steward-tests] SKIPPED README example: curl is not installed");
    }
    dev.steward.application.testing.Prerequisites.require(
        curl, "curl is not installed (apt-get install curl)");
    try (RunningSteward s = RunningSteward.start()) {
      String out = run(s, example(0));
      assertTrue(out.contains("\"displayName\":\"Paul Projectlead\""), out);
      assertTrue(out.contains("\"task\":\"createAccessPackage\",\"allowed\":true"), out);
      assertTrue(out.contains("paul adds a manager: 403"), out);
      assertTrue(out.contains("removed: 204"), out);

      String built = run(s, example(1));
      assertTrue(
          built.contains("\"originId\":\"Member_1d000000-0000-4000-8000-000000000006\""), built);
      assertTrue(built.contains("\"duration\":\"P30D\""), built);
      assertTrue(built.contains("paul adds a resource: 403"), built);
      assertTrue(built.contains("\"assignmentPolicies\":[{"), built);

      String delivered = run(s, example(1) + "\n" + example(2));
      assertTrue(delivered.contains("approved: 204"), delivered);
      assertTrue(delivered.contains("\"state\":\"delivered\""), delivered);
      assertTrue(delivered.contains("\"state\":\"expired\""), delivered);
      assertTrue(delivered.contains("\"endDateTime\":\""), delivered);
    }
  }
}
