package dev.steward.application.service.requests;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The access packages a user may ask for, and the names of packages beside their requests. */
public final class RequestablePackagesService extends ServiceBase
    implements FindRequestablePackagesUseCase {
  public RequestablePackagesService(Essentials essentials) {
    super(essentials);
  }

  /** Policies read per round while looking for requestable packages. */
  private static final int POLICY_BATCH = 500;

  @Override
  public Future<List<Requestable>> requestable(RequestContext ctx, int limit) {
    PrincipalId me = ctx.actor().userId();
    return directory
        .membershipOf(me)
        .compose(
            membership ->
                transactions.read(
                    uow -> {
                      Map<AccessPackageId, List<AssignmentPolicy>> found = new LinkedHashMap<>();
                      return scanPolicies(uow, me, membership, null, found, limit)
                          .compose(v -> withPackages(uow, found));
                    }));
  }

  /**
   * Walks the policies that let {@code me} ask for access in id order, a batch at a time, until
   * {@code limit} packages are found or the policies run out. The store tests the scope (in SQL on
   * Postgres), so only those policies are read; the test is made again here, where it is defined.
   */
  private Future<Void> scanPolicies(
      UnitOfWork uow,
      PrincipalId me,
      Membership membership,
      String afterId,
      Map<AccessPackageId, List<AssignmentPolicy>> found,
      int limit) {
    return uow.policies()
        .requestableBy(me, membership.groups(), afterId, POLICY_BATCH)
        .compose(
            batch -> {
              for (AssignmentPolicy p : batch) {
                AssignmentPolicy.Settings s = p.settings();
                if (s.requestorSettings().enableTargetsToSelfAddAccess()
                    && PolicyEvaluation.inScope(s, me, membership)
                    && (found.containsKey(p.accessPackageId()) || found.size() < limit)) {
                  found.computeIfAbsent(p.accessPackageId(), k -> new ArrayList<>()).add(p);
                }
              }
              if (batch.size() < POLICY_BATCH || found.size() >= limit) {
                return Future.<Void>succeededFuture();
              }
              return scanPolicies(
                  uow, me, membership, batch.get(batch.size() - 1).id().value(), found, limit);
            });
  }

  private static Map<AccessPackageId, AccessPackage> byId(List<AccessPackage> packages) {
    Map<AccessPackageId, AccessPackage> byId = new HashMap<>();
    packages.forEach(pkg -> byId.put(pkg.id(), pkg));
    return byId;
  }

  /** The packages of the policies found, read at once (one statement, not one per package). */
  private static Future<List<Requestable>> withPackages(
      UnitOfWork uow, Map<AccessPackageId, List<AssignmentPolicy>> found) {
    return uow.accessPackages()
        .findAll(found.keySet())
        .map(
            packages -> {
              Map<AccessPackageId, AccessPackage> byId = byId(packages);
              List<Requestable> out = new ArrayList<>();
              // In the order the policies were found (policy id order), as before.
              for (AccessPackageId id : found.keySet()) {
                AccessPackage pkg = byId.get(id);
                if (pkg != null && !pkg.isHidden()) {
                  out.add(new Requestable(pkg, found.get(id)));
                }
              }
              return out;
            });
  }

  @Override
  public Future<List<AssignmentPolicy>> applicablePolicies(RequestContext ctx, AccessPackageId id) {
    PrincipalId me = ctx.actor().userId();
    return directory
        .membershipOf(me)
        .compose(
            membership ->
                transactions.read(
                    uow ->
                        dev.steward.application.service.Lookups.accessPackage(uow, id, false)
                            .compose(
                                pkg ->
                                    uow.policies()
                                        .list(
                                            Optional.empty(), Optional.of(id), null, POLICY_BATCH))
                            .map(
                                policies ->
                                    policies.stream()
                                        .filter(
                                            p ->
                                                !p.settings().isAutomatic()
                                                    && p.settings()
                                                        .requestorSettings()
                                                        .enableTargetsToSelfAddAccess()
                                                    && PolicyEvaluation.inScope(
                                                        p.settings(), me, membership))
                                        .toList())));
  }

  @Override
  public Future<Map<AccessPackageId, AccessPackage>> packagesByIds(
      RequestContext ctx, Set<AccessPackageId> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return transactions.read(
        uow ->
            uow.accessPackages()
                .findAll(ids)
                .map(
                    packages -> {
                      Map<AccessPackageId, AccessPackage> byId = byId(packages);
                      // In the order of ids, as each was looked up in turn before.
                      Map<AccessPackageId, AccessPackage> out = new LinkedHashMap<>();
                      ids.forEach(
                          id -> {
                            if (byId.containsKey(id)) {
                              out.put(id, byId.get(id));
                            }
                          });
                      return out;
                    }));
  }
}
