package dev.steward.application.port.in;

import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ask for access, give it directly, extend it, give it up or take it away; follow requests. */
public interface RequestAccessUseCase {
  /**
   * A request as submitted. Adds name the package, the policy and (for adminAdd) the target;
   * removals and extensions name the assignment.
   */
  record SubmitRequest(
      AssignmentRequest.Type type,
      AccessPackageId accessPackage,
      PolicyId policy,
      PrincipalId target,
      AssignmentId assignment,
      String justification,
      Instant requestedEnd) {}

  /** Which requests of the caller's to list. */
  enum Mine {
    TARGET,
    CREATED_BY
  }

  Future<AssignmentRequest> submit(RequestContext ctx, SubmitRequest request);

  Future<AssignmentRequest> cancel(RequestContext ctx, RequestId id);

  /** Delivers again a request whose delivery failed. */
  Future<AssignmentRequest> reprocess(RequestContext ctx, RequestId id);

  Future<AssignmentRequest> get(RequestContext ctx, RequestId id);

  /** Requests in the catalogs where the caller may view them. */
  Future<Page<AssignmentRequest>> list(RequestContext ctx, String afterId, int limit);

  Future<Page<AssignmentRequest>> mine(RequestContext ctx, Mine on, String afterId, int limit);

  /** A package the caller may request for themself, with the policies that let them. */
  record Requestable(AccessPackage accessPackage, List<AssignmentPolicy> policies) {}

  /**
   * The visible packages whose policies let the caller request access themself: self-add is on and
   * the caller is in the policy's scope (all users, named, or through one of their groups).
   */
  Future<List<Requestable>> requestable(RequestContext ctx, int limit);

  /**
   * The packages with these ids, for naming them next to requests and assignments the caller was
   * already allowed to see; ids of deleted packages are left out.
   */
  Future<Map<AccessPackageId, AccessPackage>> packagesByIds(
      RequestContext ctx, Set<AccessPackageId> ids);
}
