package dev.steward.application.service.delegation;

import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.domain.DomainException;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.RoleDefinition;
import java.util.List;
import java.util.Set;

/** The role definitions with the tasks each allows, straight from the matrix. */
public final class RoleDefinitionsService implements ListRoleDefinitionsUseCase {
  @Override
  public List<RoleDefinitionView> list() {
    return RoleDefinition.assignable().stream().map(RoleDefinitionsService::view).toList();
  }

  @Override
  public RoleDefinitionView get(String id) {
    return RoleDefinition.byId(id)
        .filter(RoleDefinition::isAssignable)
        .map(RoleDefinitionsService::view)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    DomainException.Reason.ROLE_NOT_FOUND, "Role definition", id));
  }

  private static RoleDefinitionView view(RoleDefinition role) {
    Set<dev.steward.domain.Task> tasks = PermissionMatrix.tasksOf(role);
    return new RoleDefinitionView(role, List.copyOf(tasks));
  }
}
