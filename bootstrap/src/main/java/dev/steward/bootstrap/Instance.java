package dev.steward.bootstrap;

/**
 * This instance's name among those sharing one database: in Postgres's {@code application_name} (so
 * {@code pg_stat_activity} tells the instances apart), in {@code steward_instance_info} and in the
 * log. From STEWARD_INSTANCE_NAME, else the host name and process id.
 */
record Instance(String name) {
  Instance {
    if (!name.matches("[A-Za-z0-9._:-]{1,48}")) {
      throw new IllegalArgumentException(
          "STEWARD_INSTANCE_NAME must be 1-48 letters, digits or . _ : - (not '" + name + "')");
    }
  }

  static Instance from(Config config) {
    return new Instance(config.get("STEWARD_INSTANCE_NAME").orElseGet(Instance::hostAndPid));
  }

  private static String hostAndPid() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "steward";
    }
    String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
    if (clean.length() > 30) {
      clean = clean.substring(0, 30);
    }
    return clean + "-" + ProcessHandle.current().pid();
  }
}
