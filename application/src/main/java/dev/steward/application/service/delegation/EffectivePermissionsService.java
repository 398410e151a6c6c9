package dev.steward.application.service.delegation;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.RoleAssignmentReads;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.CatalogId;
import dev.steward.domain.Decision;
import dev.steward.domain.DomainException;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Answers "what may I do here" from the same decision function every use case uses. */
public final class EffectivePermissionsService extends ServiceBase
    implements EffectivePermissionsUseCase {
  public EffectivePermissionsService(Essentials essentials) {
    super(essentials);
  }

  /** Whether a catalog exists: the key its remembered answer is kept under. */
  private record CatalogExists(CatalogId id) {}

  /**
   * The caller's decisions in a scope, 404 for a catalog that does not exist. Both reads — whether
   * the catalog exists and the caller's roles — are remembered until a role assignment or a catalog
   * changes (decision 0029), and take a connection only when they are not.
   */
  @Override
  public Future<EffectivePermissions> inScope(RequestContext ctx, Scope scope) {
    Future<Void> exists =
        scope.catalogId().isEmpty()
            ? Future.succeededFuture()
            : catalogExists(scope.catalogId().get());
    return exists
        .compose(ok -> access.heldRoles(ctx.actor(), new RoleAssignmentReads(transactions)))
        .map(held -> evaluate(scope, held));
  }

  private Future<Void> catalogExists(CatalogId id) {
    return access
        .remembered(
            new CatalogExists(id),
            () -> transactions.read(uow -> uow.catalogs().find(id).map(Optional::isPresent)),
            found -> found)
        .map(
            found -> {
              if (!found) {
                throw DomainException.notFound(
                    DomainException.Reason.CATALOG_NOT_FOUND, "Catalog", id.value());
              }
              return null;
            });
  }

  static EffectivePermissions evaluate(Scope scope, List<HeldRole> held) {
    List<HeldRole> counting =
        held.stream().filter(h -> h.scope().isTenant() || h.scope().equals(scope)).toList();
    List<Decision> decisions =
        Arrays.stream(Task.values())
            .map(task -> PermissionMatrix.decide(task, scope, counting))
            .toList();
    return new EffectivePermissions(scope, counting, decisions);
  }
}
