package dev.steward.bootstrap;

/** Starts Steward from the environment and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.load(System.getenv());
    Steward steward = Steward.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(steward::close, "steward-shutdown"));
    if ("json".equalsIgnoreCase(config.get("STEWARD_LOG_FORMAT", "text"))) {
      // Every line on standard output stays one JSON object.
      StringBuilder logins = new StringBuilder();
      if (steward.usesDemoDirectory()) {
        for (String[] login : Steward.DEMO_LOGINS) {
          logins.append(logins.isEmpty() ? "; demo sign-ins: " : ", ");
          logins.append(login[0]).append('/').append(login[1]).append(" (" + login[2] + ")");
        }
      }
      System.getLogger("steward")
          .log(
              System.Logger.Level.INFO,
              "Steward is running: http://127.0.0.1:" + steward.port() + "/v1.0" + logins);
      return;
    }
    System.out.println();
    System.out.println("Steward is running: http://127.0.0.1:" + steward.port() + "/v1.0");
    if (steward.usesDemoDirectory()) {
      System.out.println("Demo directory sign-ins (HTTP Basic, or POST /oauth2/v2.0/token):");
      for (String[] login : Steward.DEMO_LOGINS) {
        System.out.printf("  %-8s %-16s %s%n", login[0], login[1], login[2]);
      }
    }
  }
}
