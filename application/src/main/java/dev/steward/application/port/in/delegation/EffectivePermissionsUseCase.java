package dev.steward.application.port.in.delegation;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.Decision;
import dev.steward.domain.HeldRole;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.util.List;

/** "What may I do here": the caller's roles in a scope and every task's decision. */
public interface EffectivePermissionsUseCase {
  /** The roles that count in the scope and the decision for every task of the matrix. */
  record EffectivePermissions(Scope scope, List<HeldRole> roles, List<Decision> decisions) {}

  Future<EffectivePermissions> inScope(RequestContext ctx, Scope scope);
}
