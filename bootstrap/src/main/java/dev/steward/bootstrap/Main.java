package dev.steward.bootstrap;

/** Starts Steward from the environment and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Steward steward = Steward.start(Config.load(System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(steward::close, "steward-shutdown"));
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
