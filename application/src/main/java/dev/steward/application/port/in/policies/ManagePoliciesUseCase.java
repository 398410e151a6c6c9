package dev.steward.application.port.in.policies;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.PolicyId;
import io.vertx.core.Future;
import java.util.Optional;

/** Decide who may request a package, who approves, and how long access lasts. */
public interface ManagePoliciesUseCase {
  /** A policy as the caller writes it. */
  record PolicyDraft(
      AccessPackageId accessPackage,
      String displayName,
      String description,
      AssignmentPolicy.Settings settings) {
    /** The same draft with other settings. */
    public PolicyDraft withSettings(AssignmentPolicy.Settings newSettings) {
      return new PolicyDraft(accessPackage, displayName, description, newSettings);
    }
  }

  Future<AssignmentPolicy> create(RequestContext ctx, PolicyDraft draft);

  Future<AssignmentPolicy> get(RequestContext ctx, PolicyId id);

  Future<Page<AssignmentPolicy>> list(
      RequestContext ctx, Optional<AccessPackageId> accessPackage, String afterId, int limit);

  /** Replaces every setting of a policy (Graph's PUT); its package cannot change. */
  Future<AssignmentPolicy> replace(RequestContext ctx, PolicyId id, PolicyDraft draft);

  Future<Void> delete(RequestContext ctx, PolicyId id);
}
