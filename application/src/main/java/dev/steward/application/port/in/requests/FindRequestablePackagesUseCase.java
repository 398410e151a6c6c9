package dev.steward.application.port.in.requests;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access packages as a requestor sees them: what they may ask for, and the names of what they hold.
 */
public interface FindRequestablePackagesUseCase {
  /** A package the caller may request for themself, with the policies that let them. */
  record Requestable(AccessPackage accessPackage, List<AssignmentPolicy> policies) {}

  /**
   * The visible packages whose policies let the caller request access themself (self-add is on and
   * the caller is in the policy's scope: all users, named, or through one of their groups), ordered
   * by id, at most {@code limit}: Graph's {@code filterByCurrentUser(on='allowedRequestor')}.
   */
  Future<List<AccessPackage>> requestablePackages(RequestContext ctx, int limit);

  /**
   * The same packages as {@link #requestablePackages}, each with the policies that let the caller
   * ask ({@code $expand=assignmentPolicies}).
   */
  Future<List<Requestable>> requestable(RequestContext ctx, int limit);

  /** How many packages {@link #requestablePackages} finds for the caller, whatever its limit. */
  Future<Long> countRequestable(RequestContext ctx);

  /**
   * The packages with these ids, for naming them next to requests and assignments the caller was
   * already allowed to see; ids of deleted packages are left out.
   */
  Future<Map<AccessPackageId, AccessPackage>> packagesByIds(
      RequestContext ctx, Set<AccessPackageId> ids);

  /**
   * The policies of one package the caller may request access under themself (Graph's
   * getApplicablePolicyRequirements): empty when there are none; automatic policies never count.
   */
  Future<List<AssignmentPolicy>> applicablePolicies(RequestContext ctx, AccessPackageId id);
}
