package dev.steward.domain;

import static dev.steward.domain.RoleDefinition.ACCESS_PACKAGE_ASSIGNMENT_MANAGER;
import static dev.steward.domain.RoleDefinition.ACCESS_PACKAGE_MANAGER;
import static dev.steward.domain.RoleDefinition.CATALOG_CREATOR;
import static dev.steward.domain.RoleDefinition.CATALOG_OWNER;
import static dev.steward.domain.RoleDefinition.CATALOG_READER;
import static dev.steward.domain.RoleDefinition.GLOBAL_ADMINISTRATOR;
import static dev.steward.domain.RoleDefinition.IDENTITY_GOVERNANCE_ADMINISTRATOR;
import static dev.steward.domain.RoleDefinition.REPORTS_READER;
import static dev.steward.domain.RoleDefinition.USER_ADMINISTRATOR;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: the matrix of the entitlement-management reference as data, and the one pure
 * function that decides a task in a scope from the roles a caller holds.
 */
public final class PermissionMatrix {
  private static final Map<Task, Set<RoleDefinition>> MATRIX = new EnumMap<>(Task.class);

  static {
    row(Task.DELEGATE_CATALOG_CREATOR);
    row(Task.CREATE_CATALOG, CATALOG_CREATOR);
    // The User administrator needs to open a catalog to delegate in it (the seed's procedure).
    row(
        Task.VIEW_CATALOG,
        USER_ADMINISTRATOR,
        CATALOG_OWNER,
        CATALOG_READER,
        ACCESS_PACKAGE_MANAGER,
        ACCESS_PACKAGE_ASSIGNMENT_MANAGER);
    row(Task.MANAGE_CATALOG_RESOURCES, CATALOG_OWNER);
    row(Task.MANAGE_CATALOG_OWNERS, CATALOG_OWNER);
    row(Task.EDIT_CATALOG, CATALOG_OWNER);
    row(Task.DELETE_CATALOG, CATALOG_OWNER);
    row(Task.MANAGE_ACCESS_PACKAGE_MANAGERS, USER_ADMINISTRATOR, CATALOG_OWNER);
    row(Task.MANAGE_CATALOG_READERS_AND_ASSIGNMENT_MANAGERS, CATALOG_OWNER);
    row(Task.CREATE_ACCESS_PACKAGE, CATALOG_OWNER, ACCESS_PACKAGE_MANAGER);
    row(Task.CHANGE_RESOURCE_ROLES, CATALOG_OWNER, ACCESS_PACKAGE_MANAGER);
    row(Task.MANAGE_POLICIES, CATALOG_OWNER, ACCESS_PACKAGE_MANAGER);
    row(
        Task.MANAGE_ASSIGNMENTS,
        CATALOG_OWNER,
        ACCESS_PACKAGE_MANAGER,
        ACCESS_PACKAGE_ASSIGNMENT_MANAGER);
    row(
        Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
        CATALOG_OWNER,
        CATALOG_READER,
        ACCESS_PACKAGE_MANAGER,
        ACCESS_PACKAGE_ASSIGNMENT_MANAGER);
    row(
        Task.REPROCESS_OR_CANCEL_REQUEST,
        CATALOG_OWNER,
        ACCESS_PACKAGE_MANAGER,
        ACCESS_PACKAGE_ASSIGNMENT_MANAGER);
    row(Task.HIDE_ACCESS_PACKAGE, CATALOG_OWNER, ACCESS_PACKAGE_MANAGER);
    row(Task.DELETE_ACCESS_PACKAGE, CATALOG_OWNER, ACCESS_PACKAGE_MANAGER);
    // Entra's Reports Reader reads every record; an owner reads the records of the catalog.
    row(Task.READ_AUDIT_LOG, REPORTS_READER, CATALOG_OWNER);
  }

  private PermissionMatrix() {}

  /** Every task is allowed to both administrator roles; the rest of a row is listed. */
  private static void row(Task task, RoleDefinition... others) {
    EnumSet<RoleDefinition> roles =
        EnumSet.of(GLOBAL_ADMINISTRATOR, IDENTITY_GOVERNANCE_ADMINISTRATOR);
    roles.addAll(List.of(others));
    MATRIX.put(task, Collections.unmodifiableSet(roles));
  }

  /** The roles that may perform a task (in the task's scope). */
  public static Set<RoleDefinition> rolesFor(Task task) {
    return MATRIX.get(task);
  }

  /** The tasks a role may perform, in the scope where it is held. */
  public static Set<Task> tasksOf(RoleDefinition role) {
    EnumSet<Task> tasks = EnumSet.noneOf(Task.class);
    MATRIX.forEach(
        (task, roles) -> {
          if (roles.contains(role)) {
            tasks.add(task);
          }
        });
    return tasks;
  }

  /**
   * Decides whether a caller holding {@code held} may perform {@code task} in {@code target}. A
   * role held at the tenant scope counts everywhere; a role held in a catalog counts in that
   * catalog only.
   */
  public static Decision decide(Task task, Scope target, Collection<HeldRole> held) {
    Set<RoleDefinition> allowed = MATRIX.get(task);
    List<HeldRole> grantedBy =
        held.stream()
            .filter(h -> allowed.contains(h.role()))
            .filter(h -> h.scope().isTenant() || h.scope().equals(target))
            .toList();
    return new Decision(task, target, !grantedBy.isEmpty(), grantedBy);
  }
}
