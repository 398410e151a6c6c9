package dev.steward.adapter.http;

import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.PolicyDocument;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** The Graph v1.0 JSON shapes that several families show: users and groups, and policies. */
public final class GraphJson {
  private GraphJson() {}

  public static JsonObject principal(Principal p) {
    JsonObject json =
        new JsonObject()
            .put("@odata.type", p.type().odataType())
            .put("id", p.id().value())
            .put("displayName", p.displayName())
            .put("mail", p.mail().isEmpty() ? null : p.mail());
    if (p.type() == PrincipalType.USER) {
      json.put(
          "userPrincipalName", p.userPrincipalName().isEmpty() ? p.login() : p.userPrincipalName());
    } else {
      json.put("mailNickname", p.login()).put("securityEnabled", true);
      if (!p.description().isEmpty()) {
        json.put("description", p.description());
      }
    }
    return json;
  }

  public static JsonObject policy(AssignmentPolicy p) {
    JsonObject json =
        new JsonObject()
            .put("id", p.id().value())
            .put("displayName", p.displayName())
            .put("description", p.description())
            .put("createdDateTime", p.createdDateTime().toString())
            .put("modifiedDateTime", p.modifiedDateTime().toString());
    new JsonObject(PolicyDocument.write(p.settings()))
        .forEach(e -> json.put(e.getKey(), e.getValue()));
    json.put("accessPackage", new JsonObject().put("id", p.accessPackageId().value()));
    json.put("catalog", new JsonObject().put("id", p.catalogId().value()));
    return json;
  }

  /** Each of {@code items} in its JSON shape. */
  public static <T> JsonArray array(List<T> items, Function<? super T, JsonObject> map) {
    JsonArray a = new JsonArray();
    items.forEach(item -> a.add(map.apply(item)));
    return a;
  }

  /** A date and time, or another value, as text; null stays null. */
  public static String text(Object o) {
    return o == null ? null : o.toString();
  }

  /** An assignment in Graph's accessPackageAssignment shape. */
  public static JsonObject assignment(dev.steward.domain.Assignment a) {
    JsonObject expiration =
        a.endDateTime() == null
            ? new JsonObject().put("type", "noExpiration")
            : new JsonObject()
                .put("type", "afterDateTime")
                .put("endDateTime", a.endDateTime().toString());
    return new JsonObject()
        .put("id", a.id().value())
        .put(
            "state",
            a.state() == dev.steward.domain.Assignment.State.REMOVING
                ? "delivering"
                : a.state().apiName())
        .put(
            "status",
            a.state() == dev.steward.domain.Assignment.State.REMOVING
                ? "Removing"
                : a.deliveryError() != null
                    ? "DeliveryFailed"
                    : a.notificationStatus() != null ? a.notificationStatus() : "Delivered")
        .put("deliveryError", a.deliveryError())
        .put("expiredDateTime", text(a.expiredDateTime()))
        .put(
            "schedule",
            new JsonObject()
                .put("startDateTime", a.startDateTime().toString())
                .put("expiration", expiration))
        .put("target", new JsonObject().put("objectId", a.targetId().value()))
        .put("accessPackage", new JsonObject().put("id", a.accessPackageId().value()))
        .put("assignmentPolicy", new JsonObject().put("id", a.policyId().value()))
        .put("catalog", new JsonObject().put("id", a.catalogId().value()));
  }
}
