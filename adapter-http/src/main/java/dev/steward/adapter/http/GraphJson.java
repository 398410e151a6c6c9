package dev.steward.adapter.http;

import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase.EffectivePermissions;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase.RoleDefinitionView;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.RoleAssignmentView;
import dev.steward.domain.Catalog;
import dev.steward.domain.Decision;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** Domain values in Microsoft Graph v1.0's JSON shapes and property names. */
final class GraphJson {
  private GraphJson() {}

  static JsonObject catalog(Catalog c) {
    return new JsonObject()
        .put("id", c.id().value())
        .put("displayName", c.displayName())
        .put("description", c.description())
        .put("catalogType", Catalog.CATALOG_TYPE)
        .put("state", c.state().apiName())
        .put("isExternallyVisible", c.isExternallyVisible())
        .put("createdDateTime", c.createdDateTime().toString())
        .put("modifiedDateTime", c.modifiedDateTime().toString());
  }

  static JsonObject principal(Principal p) {
    JsonObject json =
        new JsonObject()
            .put("@odata.type", p.type().odataType())
            .put("id", p.id().value())
            .put("displayName", p.displayName())
            .put("mail", p.mail().isEmpty() ? null : p.mail());
    if (p.type() == PrincipalType.USER) {
      json.put("userPrincipalName", p.login());
    } else {
      json.put("mailNickname", p.login()).put("securityEnabled", true);
    }
    return json;
  }

  static JsonObject roleDefinition(RoleDefinition role) {
    return roleDefinition(
        new RoleDefinitionView(role, java.util.List.copyOf(PermissionMatrix.tasksOf(role))));
  }

  static JsonObject roleDefinition(RoleDefinitionView view) {
    JsonArray actions = new JsonArray();
    view.tasks().forEach(t -> actions.add("steward/entitlementManagement/" + t.apiName()));
    return new JsonObject()
        .put("id", view.role().id())
        .put("displayName", view.role().displayName())
        .put("description", view.role().description())
        .put("isBuiltIn", true)
        .put("isEnabled", true)
        .put("templateId", view.role().id())
        .put(
            "rolePermissions",
            new JsonArray().add(new JsonObject().put("allowedResourceActions", actions)));
  }

  static JsonObject roleAssignment(RoleAssignmentView view, Set<String> expand) {
    var a = view.assignment();
    JsonObject json =
        new JsonObject()
            .put("id", a.id().value())
            .put("principalId", a.principalId().value())
            .put("roleDefinitionId", a.role().id())
            .put("appScopeId", a.scope().value())
            .put("directoryScopeId", "/");
    if (expand.contains("principal")) {
      json.put("principal", view.principal().map(GraphJson::principal).orElse(null));
    }
    if (expand.contains("roleDefinition")) {
      json.put("roleDefinition", roleDefinition(a.role()));
    }
    return json;
  }

  static JsonObject heldRole(HeldRole h) {
    return new JsonObject()
        .put("roleDefinitionId", h.role().id())
        .put("displayName", h.role().displayName())
        .put("appScopeId", h.scope().value())
        .put("source", camel(h.source().name()))
        .put("principalId", h.via().value())
        .put("roleAssignmentId", h.assignmentId());
  }

  static JsonObject permissions(EffectivePermissions p) {
    JsonArray roles = new JsonArray();
    p.roles().forEach(h -> roles.add(heldRole(h)));
    JsonArray decisions = new JsonArray();
    for (Decision d : p.decisions()) {
      JsonArray grantedBy = new JsonArray();
      d.grantedBy().forEach(h -> grantedBy.add(heldRole(h)));
      decisions.add(
          new JsonObject()
              .put("task", d.task().apiName())
              .put("allowed", d.allowed())
              .put("grantedBy", grantedBy));
    }
    return new JsonObject()
        .put("appScopeId", p.scope().value())
        .put("roles", roles)
        .put("permissions", decisions);
  }

  private static String camel(String constant) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static JsonObject resource(dev.steward.domain.CatalogResource r) {
    return new JsonObject()
        .put("id", r.id().value())
        .put("displayName", r.displayName())
        .put("description", r.description())
        .put("originId", r.originId().value())
        .put("originSystem", dev.steward.domain.CatalogResource.ORIGIN_SYSTEM)
        .put("createdDateTime", r.createdDateTime().toString());
  }

  static JsonObject resourceRole(
      dev.steward.domain.CatalogResource r,
      dev.steward.domain.ResourceRole role,
      boolean withResource) {
    JsonObject json =
        new JsonObject()
            .put("id", role.roleId(r.id()))
            .put("displayName", role.apiName())
            .put("description", role.apiName() + " of " + r.displayName())
            .put("originId", role.originId(r.originId()))
            .put("originSystem", dev.steward.domain.CatalogResource.ORIGIN_SYSTEM);
    if (withResource) {
      json.put("resource", resource(r));
    }
    return json;
  }

  static JsonObject accessPackage(
      dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AccessPackageView view) {
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
            scopes -> {
              JsonArray a = new JsonArray();
              scopes.forEach(sc -> a.add(roleScope(sc)));
              json.put("resourceRoleScopes", a);
            });
    view.assignmentPolicies()
        .ifPresent(
            policies -> {
              JsonArray a = new JsonArray();
              policies.forEach(po -> a.add(policy(po)));
              json.put("assignmentPolicies", a);
            });
    return json;
  }

  static JsonObject accessPackage(dev.steward.domain.AccessPackage p) {
    return accessPackage(
        new dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AccessPackageView(
            p, java.util.Optional.empty(), java.util.Optional.empty()));
  }

  static JsonObject roleScope(dev.steward.domain.ResourceRoleScope s) {
    JsonObject resource =
        new JsonObject()
            .put("id", s.resourceId().value())
            .put("originId", s.groupId().value())
            .put("originSystem", dev.steward.domain.CatalogResource.ORIGIN_SYSTEM);
    return new JsonObject()
        .put("id", s.id().value())
        .put("createdDateTime", s.createdDateTime().toString())
        .put(
            "role",
            new JsonObject()
                .put("id", s.role().roleId(s.resourceId()))
                .put("displayName", s.role().apiName())
                .put("originId", s.role().originId(s.groupId()))
                .put("originSystem", dev.steward.domain.CatalogResource.ORIGIN_SYSTEM)
                .put("resource", resource))
        .put(
            "scope",
            new JsonObject()
                .put("id", s.resourceId().value())
                .put("displayName", "Root")
                .put("description", "Root Scope")
                .put("originId", s.groupId().value())
                .put("originSystem", dev.steward.domain.CatalogResource.ORIGIN_SYSTEM)
                .put("isRootScope", true));
  }

  static JsonObject policy(dev.steward.domain.AssignmentPolicy p) {
    JsonObject json =
        new JsonObject()
            .put("id", p.id().value())
            .put("displayName", p.displayName())
            .put("description", p.description())
            .put("createdDateTime", p.createdDateTime().toString())
            .put("modifiedDateTime", p.modifiedDateTime().toString());
    new JsonObject(dev.steward.domain.PolicyDocument.write(p.settings()))
        .forEach(e -> json.put(e.getKey(), e.getValue()));
    json.put("accessPackage", new JsonObject().put("id", p.accessPackageId().value()));
    json.put("catalog", new JsonObject().put("id", p.catalogId().value()));
    return json;
  }
}
