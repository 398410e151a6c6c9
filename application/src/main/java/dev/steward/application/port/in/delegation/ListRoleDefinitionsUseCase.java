package dev.steward.application.port.in.delegation;

import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Task;
import java.util.List;

/** "What can this role do?": the assignable role definitions and their tasks. */
public interface ListRoleDefinitionsUseCase {
  /** A role and the tasks it allows in the scope where it is held. */
  record RoleDefinitionView(RoleDefinition role, List<Task> tasks) {}

  List<RoleDefinitionView> list();

  RoleDefinitionView get(String id);
}
