package dev.steward.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** The roles a group resource offers: membership of the group, or ownership of it. */
public enum ResourceRole {
  MEMBER("Member"),
  OWNER("Owner");

  private final String apiName;

  ResourceRole(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** Graph's origin id of this role on a group: {@code Member_<groupId>}. */
  public String originId(PrincipalId group) {
    return apiName + "_" + group.value();
  }

  /** A stable id for this role of a catalog resource, the same every time it is listed. */
  public String roleId(ResourceId resource) {
    return UUID.nameUUIDFromBytes(
            (resource.value() + "/" + apiName).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Reads an origin id such as {@code Member_<groupId>}, checking it names the given group. */
  public static ResourceRole parseOriginId(String originId, PrincipalId group) {
    if (originId != null) {
      for (ResourceRole r : values()) {
        if (originId.toLowerCase(Locale.ROOT).equals(r.originId(group).toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw DomainException.invalid(
        "role.originId", "'role.originId' must be 'Member_" + group + "' or 'Owner_" + group + "'");
  }
}
