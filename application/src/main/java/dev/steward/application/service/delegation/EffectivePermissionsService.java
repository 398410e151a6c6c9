package dev.steward.application.service.delegation;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Decision;
import dev.steward.domain.DomainException;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.Scope;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;

/** Answers "what may I do here" from the same decision function every use case uses. */
public final class EffectivePermissionsService extends ServiceBase
    implements EffectivePermissionsUseCase {
  public EffectivePermissionsService(Essentials essentials) {
    super(essentials);
  }

  @Override
  public Future<EffectivePermissions> inScope(RequestContext ctx, Scope scope) {
    return transactions.read(
        uow -> {
          Future<Void> exists =
              scope.catalogId().isEmpty()
                  ? Future.succeededFuture()
                  : uow.catalogs()
                      .find(scope.catalogId().get())
                      .map(
                          found -> {
                            if (found.isEmpty()) {
                              throw DomainException.notFound(
                                  DomainException.Reason.CATALOG_NOT_FOUND,
                                  "Catalog",
                                  scope.catalogId().get().value());
                            }
                            return null;
                          });
          return exists
              .compose(ok -> access.heldRoles(ctx.actor(), uow.roleAssignments()))
              .map(held -> evaluate(scope, held));
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
