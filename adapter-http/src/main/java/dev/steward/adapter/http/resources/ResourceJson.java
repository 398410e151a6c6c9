package dev.steward.adapter.http.resources;

import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequestResult;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.ResourceRole;
import io.vertx.core.json.JsonObject;

/** Catalog resources, their roles and resource requests in Graph's JSON shapes. */
final class ResourceJson {
  private ResourceJson() {}

  static JsonObject resourceRequest(ResourceRequestResult r) {
    return new JsonObject()
        .put("id", r.id())
        .put("requestType", r.type().apiName())
        .put("state", "delivered")
        .put("createdDateTime", r.createdDateTime().toString())
        .put("resource", resource(r.resource()))
        .put("catalog", new JsonObject().put("id", r.resource().catalogId().value()));
  }

  static JsonObject resource(CatalogResource r) {
    return new JsonObject()
        .put("id", r.id().value())
        .put("displayName", r.displayName())
        .put("description", r.description())
        .put("originId", r.originId().value())
        .put("originSystem", CatalogResource.ORIGIN_SYSTEM)
        .put("createdDateTime", r.createdDateTime().toString());
  }

  /** A resource with, when asked, its one root scope and its roles (Member, Owner). */
  static JsonObject resource(CatalogResource r, boolean withScopes, boolean withRoles) {
    JsonObject json = resource(r);
    if (withScopes) {
      json.put(
          "scopes",
          new io.vertx.core.json.JsonArray()
              .add(
                  new JsonObject()
                      .put("id", r.id().value())
                      .put("displayName", "Root")
                      .put("description", "Root Scope")
                      .put("originId", r.originId().value())
                      .put("originSystem", CatalogResource.ORIGIN_SYSTEM)
                      .put("isRootScope", true)));
    }
    if (withRoles) {
      io.vertx.core.json.JsonArray roles = new io.vertx.core.json.JsonArray();
      for (ResourceRole role : ResourceRole.values()) {
        roles.add(resourceRole(r, role, false));
      }
      json.put("roles", roles);
    }
    return json;
  }

  static JsonObject resourceRole(CatalogResource r, ResourceRole role, boolean withResource) {
    JsonObject json =
        new JsonObject()
            .put("id", role.roleId(r.id()))
            .put("displayName", role.apiName())
            .put("description", role.apiName() + " of " + r.displayName())
            .put("originId", role.originId(r.originId()))
            .put("originSystem", CatalogResource.ORIGIN_SYSTEM);
    if (withResource) {
      json.put("resource", resource(r));
    }
    return json;
  }
}
