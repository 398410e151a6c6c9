package dev.steward.application.service.delegation;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.RoleAssignmentReads;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.CatalogRules;
import dev.steward.domain.DomainException;
import dev.steward.domain.HeldRole;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delegating and revoking roles. Changes in a catalog lock the catalog's row first, so that
 * concurrent removals of owners cannot leave it without one.
 */
public final class RoleAssignmentService extends ServiceBase
    implements ManageRoleAssignmentsUseCase {
  public RoleAssignmentService(Essentials essentials) {
    super(essentials);
  }

  /** Counts the outcome of a change for the dashboards. */
  private <T> Future<T> counted(
      Future<T> change,
      java.util.function.Supplier<dev.steward.domain.RoleDefinition> role,
      String action) {
    return change
        .map(
            done -> {
              count(role.get(), action, "success");
              return done;
            })
        .recover(
            failure -> {
              count(
                  role.get(),
                  action,
                  failure instanceof DomainException d ? d.reason().code() : "error");
              return Future.failedFuture(failure);
            });
  }

  private void count(dev.steward.domain.RoleDefinition role, String action, String outcome) {
    if (role != null) {
      access.telemetry().roleAssignmentChange(role, action, outcome);
    }
  }

  @Override
  public Future<RoleAssignment> assign(RequestContext ctx, AssignRole command) {
    return counted(assignUncounted(ctx, command), command::role, "add");
  }

  private Future<RoleAssignment> assignUncounted(RequestContext ctx, AssignRole command) {
    command.role().requireAssignableAt(command.scope());
    Task task = Task.forManaging(command.role());
    // The directory is asked before the transaction opens, so no row lock waits on LDAP.
    return directory
        .find(command.principalId())
        .compose(
            principal ->
                transactions.inTransaction(
                    uow ->
                        lockScope(uow, command.scope())
                            .compose(
                                ok ->
                                    access.require(
                                        ctx.actor(), uow.roleAssignments(), task, command.scope()))
                            .compose(
                                ok -> {
                                  CatalogRules.requirePrincipalKnown(
                                      command.principalId(), principal);
                                  RoleAssignment assignment =
                                      new RoleAssignment(
                                          new RoleAssignmentId(ids.newId()),
                                          command.principalId(),
                                          principal.orElseThrow().type(),
                                          command.role(),
                                          command.scope(),
                                          clock.now());
                                  return uow.roleAssignments()
                                      .add(assignment)
                                      .compose(
                                          added ->
                                              audited(
                                                  ctx,
                                                  uow,
                                                  "roleAssignment.add",
                                                  "roleAssignment",
                                                  assignment.id().value(),
                                                  null,
                                                  Audit.snapshot(assignment)))
                                      .map(assignment);
                                })));
  }

  @Override
  public Future<Void> remove(RequestContext ctx, RoleAssignmentId id) {
    // The role is known only once the assignment is read; refusals before that count as unknown.
    java.util.concurrent.atomic.AtomicReference<dev.steward.domain.RoleDefinition> role =
        new java.util.concurrent.atomic.AtomicReference<>();
    return counted(removeUncounted(ctx, id, role), role::get, "remove");
  }

  private Future<Void> removeUncounted(
      RequestContext ctx,
      RoleAssignmentId id,
      java.util.concurrent.atomic.AtomicReference<dev.steward.domain.RoleDefinition> role) {
    return transactions.inTransaction(
        uow ->
            existing(uow, id)
                .compose(
                    assignment ->
                        lockScope(
                                uow,
                                remember(role, assignment),
                                assignment.role()
                                    == dev.steward.domain.RoleDefinition.CATALOG_OWNER)
                            // Read again under the lock: a concurrent removal may have won.
                            .compose(ok -> existing(uow, id))
                            .compose(
                                locked ->
                                    access.require(
                                        ctx.actor(),
                                        uow.roleAssignments(),
                                        Task.forManaging(locked.role()),
                                        locked.scope()))
                            .compose(ok -> ownersLeft(uow, assignment))
                            .compose(
                                owners -> {
                                  CatalogRules.requireOwnerRemains(assignment, owners);
                                  return uow.roleAssignments().remove(id);
                                })
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "roleAssignment.remove",
                                        "roleAssignment",
                                        id.value(),
                                        Audit.snapshot(assignment),
                                        null))));
  }

  private static dev.steward.domain.Scope remember(
      java.util.concurrent.atomic.AtomicReference<dev.steward.domain.RoleDefinition> role,
      RoleAssignment assignment) {
    role.set(assignment.role());
    return assignment.scope();
  }

  private static Future<Long> ownersLeft(UnitOfWork uow, RoleAssignment assignment) {
    return assignment.scope().catalogId().isPresent()
        ? uow.roleAssignments().countOwners(assignment.scope().catalogId().get())
        : Future.succeededFuture(Long.MAX_VALUE);
  }

  /** Locks the catalog of a scope (404 when it does not exist); the tenant needs no lock. */
  private static Future<Void> lockScope(UnitOfWork uow, Scope scope) {
    return lockScope(uow, scope, false);
  }

  /**
   * Locks the catalog of a scope: shared for adds and most removals (the catalog cannot be deleted
   * meanwhile, but other delegations go on), exclusive for removing an owner, so that concurrent
   * removals of owners are counted one after the other.
   */
  private static Future<Void> lockScope(UnitOfWork uow, Scope scope, boolean exclusive) {
    if (scope.catalogId().isEmpty()) {
      return Future.succeededFuture();
    }
    var id = scope.catalogId().get();
    return Lookups.catalog(
            exclusive ? uow.catalogs().findForUpdate(id) : uow.catalogs().findForShare(id), id)
        .mapEmpty();
  }

  private static Future<RoleAssignment> existing(UnitOfWork uow, RoleAssignmentId id) {
    return uow.roleAssignments()
        .find(id)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        DomainException.notFound(
                            DomainException.Reason.ROLE_ASSIGNMENT_NOT_FOUND,
                            "Role assignment",
                            id.value())));
  }

  @Override
  public Future<RoleAssignmentView> get(
      RequestContext ctx, RoleAssignmentId id, boolean withPrincipal) {
    return transactions
        .read(
            uow ->
                existing(uow, id)
                    .compose(
                        assignment ->
                            access
                                .heldRoles(ctx.actor(), uow.roleAssignments())
                                .map(
                                    held -> {
                                      if (!mayView(ctx, held, assignment)) {
                                        throw new DomainException(
                                            DomainException.Reason.NOT_AUTHORIZED,
                                            "The caller may not view role assignments in scope '"
                                                + assignment.scope()
                                                + "'");
                                      }
                                      return assignment;
                                    })))
        .compose(assignment -> withPrincipals(List.of(assignment), withPrincipal))
        .map(views -> views.get(0));
  }

  private static boolean mayView(RequestContext ctx, List<HeldRole> held, RoleAssignment a) {
    if (a.principalId().equals(ctx.actor().userId())) {
      return true;
    }
    if (a.scope().isTenant()) {
      return AccessControl.seesEveryCatalog(held);
    }
    return AccessControl.seesEveryCatalog(held)
        || AccessControl.viewableCatalogScopes(held).contains(a.scope());
  }

  /**
   * A page of the role assignments the caller may see. Both reads it needs — the caller's roles and
   * the listing — are remembered until a role assignment changes (decision 0029), and each takes a
   * connection only when it is not: a listing asked again takes none.
   */
  @Override
  public Future<Page<RoleAssignmentView>> list(
      RequestContext ctx, RoleAssignmentQuery query, boolean withPrincipal) {
    RoleAssignments reads = new RoleAssignmentReads(transactions);
    return visible(ctx, query, reads)
        .compose(
            visible ->
                visible.isEmpty()
                    ? Future.succeededFuture(List.<RoleAssignment>of())
                    : access.assignments(visible.get().withLimit(query.limit() + 1), reads))
        .compose(
            found -> {
              Page<RoleAssignment> page = Page.of(found, query.limit(), a -> a.id().value());
              return withPrincipals(page.items(), withPrincipal)
                  .map(views -> new Page<>(views, page.nextAfter()));
            });
  }

  @Override
  public Future<Long> count(RequestContext ctx, RoleAssignmentQuery query) {
    RoleAssignments reads = new RoleAssignmentReads(transactions);
    return visible(ctx, query, reads)
        .compose(
            visible ->
                visible.isEmpty()
                    ? Future.succeededFuture(0L)
                    : access.countAssignments(visible.get(), reads));
  }

  /**
   * The query narrowed to the scopes the caller may view assignments in; empty when that leaves no
   * scope at all.
   */
  private Future<Optional<RoleAssignmentQuery>> visible(
      RequestContext ctx, RoleAssignmentQuery query, RoleAssignments reads) {
    return access
        .heldRoles(ctx.actor(), reads)
        .map(
            held -> {
              RoleAssignmentQuery visible =
                  AccessControl.seesEveryCatalog(held)
                      ? query
                      : query.withinScopes(AccessControl.viewableCatalogScopes(held));
              return visible.scopes().map(Set::isEmpty).orElse(false)
                  ? Optional.empty()
                  : Optional.of(visible);
            });
  }

  /**
   * Looks each distinct principal up once when the caller asked for principals. The lookups all
   * start at once; when every one is already answered (the directory's cache), the page is built at
   * once, without a future per principal.
   */
  private Future<List<RoleAssignmentView>> withPrincipals(
      List<RoleAssignment> assignments, boolean withPrincipal) {
    if (!withPrincipal) {
      List<RoleAssignmentView> views = new ArrayList<>(assignments.size());
      assignments.forEach(a -> views.add(new RoleAssignmentView(a, Optional.empty())));
      return Future.succeededFuture(views);
    }
    Map<PrincipalId, Future<Optional<Principal>>> lookups = new HashMap<>();
    boolean answered = true;
    for (RoleAssignment a : assignments) {
      Future<Optional<Principal>> lookup = lookups.get(a.principalId());
      if (lookup == null) {
        lookup = directory.find(a.principalId());
        lookups.put(a.principalId(), lookup);
        if (lookup.failed()) {
          return Future.failedFuture(lookup.cause());
        }
        answered &= lookup.isComplete();
      }
    }
    if (answered) {
      return Future.succeededFuture(views(assignments, lookups));
    }
    Future<?> all = Future.all(List.copyOf(lookups.values()));
    return all.map(done -> views(assignments, lookups));
  }

  /** The assignments with their principals; every lookup has succeeded. */
  private static List<RoleAssignmentView> views(
      List<RoleAssignment> assignments, Map<PrincipalId, Future<Optional<Principal>>> lookups) {
    List<RoleAssignmentView> views = new ArrayList<>(assignments.size());
    for (RoleAssignment a : assignments) {
      views.add(new RoleAssignmentView(a, lookups.get(a.principalId()).result()));
    }
    return views;
  }
}
