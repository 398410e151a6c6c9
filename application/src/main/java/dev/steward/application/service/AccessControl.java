package dev.steward.application.service;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.CatalogId;
import dev.steward.domain.Decision;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the roles a caller holds — its own assignments, its groups' assignments and the
 * directory roles of its groups — and asks the permission matrix. Role assignments come from the
 * {@link HeldRoleCache}, which never answers from before a change, so a revoked role stops counting
 * on the very next request.
 */
public final class AccessControl {
  private final Directory directory;
  private final dev.steward.application.port.out.Telemetry telemetry;
  private final HeldRoleCache cache;

  public AccessControl(Directory directory) {
    this(directory, dev.steward.application.port.out.Telemetry.none());
  }

  public AccessControl(Directory directory, dev.steward.application.port.out.Telemetry telemetry) {
    this(directory, telemetry, HeldRoleCache.off());
  }

  public AccessControl(
      Directory directory,
      dev.steward.application.port.out.Telemetry telemetry,
      HeldRoleCache cache) {
    this.directory = directory;
    this.telemetry = telemetry;
    this.cache = cache;
  }

  public dev.steward.application.port.out.Telemetry telemetry() {
    return telemetry;
  }

  /** Every role the actor holds, in every scope. */
  public Future<List<HeldRole>> heldRoles(Actor actor, RoleAssignments assignments) {
    return directory
        .membershipOf(actor.userId())
        .compose(
            membership -> {
              Set<PrincipalId> principals = new HashSet<>(membership.groups());
              principals.add(actor.userId());
              return cache
                  .heldBy(principals, assignments)
                  .map(found -> combine(actor, membership, found));
            });
  }

  private static List<HeldRole> combine(
      Actor actor, Membership membership, List<dev.steward.domain.RoleAssignment> assignments) {
    List<HeldRole> held = new ArrayList<>();
    membership
        .directoryRoles()
        .forEach(
            (role, group) ->
                held.add(
                    new HeldRole(
                        role, Scope.TENANT, HeldRole.Source.DIRECTORY_GROUP, group, null)));
    assignments.forEach(a -> held.add(HeldRole.from(a, actor.userId())));
    return held;
  }

  /**
   * The role assignments {@code visible} finds — a query already narrowed to what the caller may
   * see — remembered beside the held roles, for as long as no role assignment changes ({@link
   * HeldRoleCache#query}).
   */
  public Future<List<dev.steward.domain.RoleAssignment>> assignments(
      dev.steward.application.port.in.delegation.RoleAssignmentQuery visible,
      RoleAssignments store) {
    return cache.query(visible, store);
  }

  /**
   * An answer read from role assignments and catalogs alone, remembered under {@code key} until
   * either changes ({@link HeldRoleCache#remembered}); the key names everything it depends on.
   */
  public <V> Future<V> remembered(Object key, java.util.function.Supplier<Future<V>> read) {
    return cache.remembered(key, read);
  }

  /**
   * {@link #remembered(Object, java.util.function.Supplier)}, keeping what {@code keep} accepts.
   */
  public <V> Future<V> remembered(
      Object key,
      java.util.function.Supplier<Future<V>> read,
      java.util.function.Predicate<V> keep) {
    return cache.remembered(key, read, keep);
  }

  /**
   * An answer read from the audit log alone, remembered under {@code key} until an audit record is
   * written ({@link HeldRoleCache#rememberedAudit}); the key names the query and what the caller
   * may read, and holds {@code keyWeight} rows' worth of it.
   */
  public <V> Future<V> rememberedAudit(
      Object key, long keyWeight, java.util.function.Supplier<Future<V>> read) {
    return cache.rememberedAudit(key, keyWeight, read);
  }

  /** How many role assignments {@code visible} finds, remembered as {@link #assignments} are. */
  public Future<Long> countAssignments(
      dev.steward.application.port.in.delegation.RoleAssignmentQuery visible,
      RoleAssignments store) {
    return cache.count(visible, store);
  }

  /** Decides a task and fails the future with a 403-mapped refusal when it is not allowed. */
  public Future<Decision> require(
      Actor actor, RoleAssignments assignments, Task task, Scope scope) {
    return heldRoles(actor, assignments)
        .map(
            held -> {
              Decision decision = PermissionMatrix.decide(task, scope, held);
              if (!decision.allowed()) {
                telemetry.authorizationDenied(task);
              }
              decision.orThrow();
              return decision;
            });
  }

  /** Whether the held roles see every catalog (administrators and the User administrator). */
  public static boolean seesEveryCatalog(List<HeldRole> held) {
    return held.stream()
        .anyMatch(
            h ->
                h.scope().isTenant()
                    && PermissionMatrix.rolesFor(Task.VIEW_CATALOG).contains(h.role()));
  }

  /** Whether the held roles include Global or Identity governance administrator. */
  public static boolean isAdministrator(List<HeldRole> held) {
    return held.stream().map(HeldRole::role).anyMatch(RoleDefinition::isAdministrator);
  }

  /** The catalog scopes in which the held roles allow viewing. */
  public static Set<Scope> viewableCatalogScopes(List<HeldRole> held) {
    Set<Scope> scopes = new HashSet<>();
    for (HeldRole h : held) {
      if (!h.scope().isTenant()
          && PermissionMatrix.rolesFor(Task.VIEW_CATALOG).contains(h.role())) {
        scopes.add(h.scope());
      }
    }
    return scopes;
  }

  /**
   * The catalogs in which the actor may do {@code task}: empty when a tenant-wide role allows it
   * everywhere, otherwise the catalogs whose roles allow it (possibly none).
   */
  public Future<Optional<Set<CatalogId>>> catalogsAllowing(
      Actor actor, RoleAssignments assignments, Task task) {
    return heldRoles(actor, assignments).map(held -> catalogsAllowing(task, held));
  }

  /** As above, from roles already read. */
  public static Optional<Set<CatalogId>> catalogsAllowing(Task task, List<HeldRole> held) {
    Set<RoleDefinition> roles = PermissionMatrix.rolesFor(task);
    Set<CatalogId> catalogs = new HashSet<>();
    for (HeldRole h : held) {
      if (roles.contains(h.role())) {
        if (h.scope().isTenant()) {
          return Optional.empty();
        }
        catalogs.add(h.scope().catalogId().orElseThrow());
      }
    }
    return Optional.of(catalogs);
  }
}
