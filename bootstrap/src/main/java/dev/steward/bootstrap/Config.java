package dev.steward.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Steward's configuration: environment variables named {@code STEWARD_…}, over an optional
 * properties file named by {@code STEWARD_CONFIG_FILE} that uses the same names. README lists every
 * key.
 */
public final class Config {
  private final Map<String, String> values;

  public Config(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Reads the file (if any) and lays the environment over it. */
  public static Config load(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get("STEWARD_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file))) {
        props.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read STEWARD_CONFIG_FILE " + file, e);
      }
      props.forEach((k, v) -> merged.put(k.toString(), v.toString().trim()));
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith("STEWARD_")) {
            merged.put(k, v);
          }
        });
    return new Config(merged);
  }

  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
    }
  }

  /** {@code true}/{@code on} or {@code false}/{@code off}; anything else is refused. */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on" -> true;
      case "false", "off" -> false;
      default -> throw new IllegalArgumentException(key + " must be on or off, not '" + v + "'");
    };
  }

  /** One of the named values (compared ignoring case); anything else is refused naming them. */
  public <E extends Enum<E>> E getEnum(String key, Map<String, E> named, E defaultValue) {
    Optional<String> v = get(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    for (Map.Entry<String, E> e : named.entrySet()) {
      if (e.getKey().equalsIgnoreCase(v.get().trim())) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException(
        key
            + " must be one of "
            + new java.util.TreeSet<>(named.keySet())
            + ", not '"
            + v.get()
            + "'");
  }

  /** A comma-separated list of names, none of them empty. */
  public java.util.List<String> getList(String key, java.util.List<String> defaultValue) {
    Optional<String> v = get(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    java.util.List<String> items = new java.util.ArrayList<>();
    for (String item : v.get().split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException(key + " has an empty item: '" + v.get() + "'");
      }
      items.add(item.trim());
    }
    return items;
  }

  /** A copy with some keys set, for tests and for values resolved at start-up. */
  public Config with(Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>(values);
    m.putAll(overrides);
    return new Config(m);
  }
}
