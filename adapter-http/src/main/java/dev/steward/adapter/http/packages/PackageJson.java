package dev.steward.adapter.http.packages;

import dev.steward.adapter.http.GraphJson;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AccessPackageView;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.ResourceRoleScope;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Access packages and their resource role scopes in Graph's JSON shapes. */
final class PackageJson {
  private PackageJson() {}

  static JsonObject accessPackage(AccessPackageView view) {
    var p = view.accessPackage();
    JsonObject json =
        new JsonObject()
            .put("id", p.id().value())
            .put("displayName", p.displayName())
            .put("description", p.description())
            .put("isHidden", p.isHidden())
            .put("createdDateTime", p.createdDateTime().toString())
            .put("modifiedDateTime", p.modifiedDateTime().toString())
            .put("catalog", new JsonObject().put("id", p.catalogId().value()));
    view.resourceRoleScopes()
        .ifPresent(
            scopes ->
                json.put("resourceRoleScopes", GraphJson.array(scopes, PackageJson::roleScope)));
    view.assignmentPolicies()
        .ifPresent(
            policies ->
                json.put("assignmentPolicies", GraphJson.array(policies, GraphJson::policy)));
    return json;
  }

  static JsonObject accessPackage(AccessPackage p) {
    return accessPackage(new AccessPackageView(p, Optional.empty(), Optional.empty()));
  }

  static JsonObject roleScope(ResourceRoleScope s) {
    JsonObject resource =
        new JsonObject()
            .put("id", s.resourceId().value())
            .put("originId", s.groupId().value())
            .put("originSystem", CatalogResource.ORIGIN_SYSTEM);
    return new JsonObject()
        .put("id", s.id().value())
        .put("createdDateTime", s.createdDateTime().toString())
        .put(
            "role",
            new JsonObject()
                .put("id", s.role().roleId(s.resourceId()))
                .put("displayName", s.role().apiName())
                .put("originId", s.role().originId(s.groupId()))
                .put("originSystem", CatalogResource.ORIGIN_SYSTEM)
                .put("resource", resource))
        .put(
            "scope",
            new JsonObject()
                .put("id", s.resourceId().value())
                .put("displayName", "Root")
                .put("description", "Root Scope")
                .put("originId", s.groupId().value())
                .put("originSystem", CatalogResource.ORIGIN_SYSTEM)
                .put("isRootScope", true));
  }
}
