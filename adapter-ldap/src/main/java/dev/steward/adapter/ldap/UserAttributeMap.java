package dev.steward.adapter.ldap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which LDAP attribute holds each Graph user property that an automatic policy's rule may name
 * ({@code user.department} → {@code departmentNumber} on inetOrgPerson). Each directory type has
 * defaults; {@code STEWARD_LDAP_USER_ATTRIBUTE_MAP} adds to them, changes them, or (with an empty
 * attribute) takes one away. A malformed map stops Steward from starting.
 */
public record UserAttributeMap(Map<String, String> attributes) {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern ATTRIBUTE =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+");

  public UserAttributeMap {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The defaults of a directory type. */
  public static UserAttributeMap defaults(DirectoryType type) {
    Map<String, String> m = new LinkedHashMap<>();
    if (type == DirectoryType.ACTIVE_DIRECTORY) {
      m.put("department", "department");
      m.put("jobTitle", "title");
      m.put("employeeType", "employeeType");
      m.put("employeeId", "employeeID");
      m.put("city", "l");
      m.put("state", "st");
      m.put("country", "c");
      m.put("companyName", "company");
      m.put("officeLocation", "physicalDeliveryOfficeName");
      m.put("mail", "mail");
    } else {
      m.put("department", "departmentNumber");
      m.put("jobTitle", "title");
      m.put("employeeType", "employeeType");
      m.put("employeeId", "employeeNumber");
      m.put("city", "l");
      m.put("state", "st");
      m.put("country", "c");
      m.put("companyName", "o");
      m.put("officeLocation", "physicalDeliveryOfficeName");
      m.put("mail", "mail");
    }
    return new UserAttributeMap(m);
  }

  /**
   * The type's defaults with {@code text} applied: comma-separated {@code property=attribute}
   * pairs, such as {@code department=ou,costCenter=departmentNumber}; {@code property=} removes
   * one.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static UserAttributeMap parse(String text, DirectoryType type) {
    Map<String, String> m = new LinkedHashMap<>(defaults(type).attributes());
    if (text == null || text.isBlank()) {
      return new UserAttributeMap(m);
    }
    Map<String, String> seen = new LinkedHashMap<>();
    for (String part : text.split(",", -1)) {
      String entry = part.strip();
      int eq = entry.indexOf('=');
      if (entry.isEmpty() || eq < 0) {
        throw new IllegalArgumentException(
            "STEWARD_LDAP_USER_ATTRIBUTE_MAP: '"
                + entry
                + "' is not property=attribute (pairs are separated by commas)");
      }
      String property = entry.substring(0, eq).strip();
      String attribute = entry.substring(eq + 1).strip();
      if (!PROPERTY.matcher(property).matches()) {
        throw new IllegalArgumentException(
            "STEWARD_LDAP_USER_ATTRIBUTE_MAP: '" + property + "' is not a Graph property name");
      }
      if (!attribute.isEmpty() && !ATTRIBUTE.matcher(attribute).matches()) {
        throw new IllegalArgumentException(
            "STEWARD_LDAP_USER_ATTRIBUTE_MAP: '"
                + attribute
                + "' (for "
                + property
                + ") is not an LDAP attribute name");
      }
      String key = property.toLowerCase(Locale.ROOT);
      if (seen.put(key, attribute) != null) {
        throw new IllegalArgumentException(
            "STEWARD_LDAP_USER_ATTRIBUTE_MAP names '" + property + "' twice");
      }
      m.keySet().removeIf(k -> k.equalsIgnoreCase(property));
      if (!attribute.isEmpty()) {
        m.put(property, attribute);
      }
    }
    return new UserAttributeMap(m);
  }

  /** The LDAP attribute of a Graph property, compared without regard to case. */
  public Optional<String> attributeOf(String property) {
    return attributes.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(property))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
