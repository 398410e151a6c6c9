package dev.steward.adapter.http.delegation;

import dev.steward.adapter.http.GraphJson;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase.EffectivePermissions;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase.RoleDefinitionView;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.RoleAssignmentView;
import dev.steward.domain.Decision;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Role definitions, role assignments and effective permissions in Graph's JSON shapes. */
final class RoleJson {
  private RoleJson() {}

  static JsonObject roleDefinition(RoleDefinition role) {
    return roleDefinition(
        new RoleDefinitionView(role, List.copyOf(PermissionMatrix.tasksOf(role))));
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

  static JsonObject permissions(EffectivePermissions p) {
    JsonArray decisions = new JsonArray();
    for (Decision d : p.decisions()) {
      decisions.add(
          new JsonObject()
              .put("task", d.task().apiName())
              .put("allowed", d.allowed())
              .put("grantedBy", GraphJson.array(d.grantedBy(), RoleJson::heldRole)));
    }
    return new JsonObject()
        .put("appScopeId", p.scope().value())
        .put("roles", GraphJson.array(p.roles(), RoleJson::heldRole))
        .put("permissions", decisions);
  }

  private static JsonObject heldRole(HeldRole h) {
    return new JsonObject()
        .put("roleDefinitionId", h.role().id())
        .put("displayName", h.role().displayName())
        .put("appScopeId", h.scope().value())
        .put("source", camel(h.source().name()))
        .put("principalId", h.via().value())
        .put("roleAssignmentId", h.assignmentId());
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
}
