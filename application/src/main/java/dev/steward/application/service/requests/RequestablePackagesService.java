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
import java.util.stream.Collectors;

/** The access packages a user may ask for, and the names of packages beside their requests. */
public final class RequestablePackagesService extends ServiceBase
    implements FindRequestablePackagesUseCase {
  public RequestablePackagesService(Essentials essentials) {
    super(essentials);
  }

  /** Policies of one package read at most, for its applicable policies. */
  private static final int POLICY_BATCH = 500;

  /** What {@code work} reads as the caller, with the caller's groups, nested ones included. */
  private interface AsCaller<T> {
    Future<T> read(UnitOfWork uow, PrincipalId me, Membership membership);
  }

  /**
   * What a caller asked of the requestable packages, with everything the answer depends on — who,
   * in which groups, how many, whether with policies: the key its remembered answer is kept under.
   * The answer is read from packages and policies alone, which start a new generation of the
   * remembered answers whenever they change (decision 0029).
   */
  private record Asked(PrincipalId me, Set<PrincipalId> groups, int limit, String what) {}

  /** {@code work}'s answer as the caller, remembered under what was asked. */
  private <T> Future<T> remembered(String what, int limit, RequestContext ctx, AsCaller<T> work) {
    PrincipalId me = ctx.actor().userId();
    return directory
        .membershipOf(me)
        .compose(
            membership ->
                access.remembered(
                    new Asked(me, membership.groups(), limit, what),
                    () -> transactions.read(uow -> work.read(uow, me, membership))));
  }

  @Override
  public Future<List<AccessPackage>> requestablePackages(RequestContext ctx, int limit) {
    return remembered(
        "packages",
        limit,
        ctx,
        (uow, me, membership) ->
            uow.accessPackages().requestableBy(me, membership.groups(), limit).map(List::copyOf));
  }

  @Override
  public Future<Long> countRequestable(RequestContext ctx) {
    return remembered(
        "count",
        0,
        ctx,
        (uow, me, membership) -> uow.accessPackages().countRequestableBy(me, membership.groups()));
  }

  /**
   * The packages as {@link #requestablePackages} finds them (one statement), then the policies of
   * those packages that let the caller ask (a second). The store tests the scope (in SQL on
   * Postgres, decision 0024); the test is made again here, where it is defined, on the policies.
   */
  @Override
  public Future<List<Requestable>> requestable(RequestContext ctx, int limit) {
    return remembered(
        "packages with policies",
        limit,
        ctx,
        (uow, me, membership) ->
            uow.accessPackages()
                .requestableBy(me, membership.groups(), limit)
                .compose(
                    packages ->
                        uow.policies()
                            .requestableBy(
                                me,
                                membership.groups(),
                                packages.stream()
                                    .map(AccessPackage::id)
                                    .collect(Collectors.toSet()))
                            .map(policies -> withPolicies(packages, policies, me, membership))));
  }

  /** Each package with its policies that let {@code me} ask, in the packages' order. */
  private static List<Requestable> withPolicies(
      List<AccessPackage> packages,
      List<AssignmentPolicy> policies,
      PrincipalId me,
      Membership membership) {
    Map<AccessPackageId, List<AssignmentPolicy>> byPackage = new HashMap<>();
    for (AssignmentPolicy p : policies) {
      AssignmentPolicy.Settings s = p.settings();
      if (s.requestorSettings().enableTargetsToSelfAddAccess()
          && PolicyEvaluation.inScope(s, me, membership)) {
        byPackage.computeIfAbsent(p.accessPackageId(), k -> new ArrayList<>()).add(p);
      }
    }
    List<Requestable> out = new ArrayList<>();
    for (AccessPackage pkg : packages) {
      List<AssignmentPolicy> through = byPackage.get(pkg.id());
      if (through != null) {
        out.add(new Requestable(pkg, List.copyOf(through)));
      }
    }
    return List.copyOf(out);
  }

  private static Map<AccessPackageId, AccessPackage> byId(List<AccessPackage> packages) {
    Map<AccessPackageId, AccessPackage> byId = new HashMap<>();
    packages.forEach(pkg -> byId.put(pkg.id(), pkg));
    return byId;
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
