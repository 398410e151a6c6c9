package dev.steward.application.service;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a policy says about one user: whether they are in its target scope, who approves each stage
 * of their request, and whether separation of duties or an open request stands in the way.
 * Submitting, approving and listing requestable packages all ask it, so the rules live once.
 */
public final class PolicyEvaluation {
  private final Directory directory;

  public PolicyEvaluation(Directory directory) {
    this.directory = directory;
  }

  public static boolean inScope(
      AssignmentPolicy.Settings s, PrincipalId target, Membership membership) {
    return switch (s.allowedTargetScope()) {
      case ALL_MEMBER_USERS, ALL_DIRECTORY_USERS -> true;
      case NOT_SPECIFIED -> false;
      case SPECIFIC_DIRECTORY_USERS ->
          s.specificAllowedTargets().stream()
              .anyMatch(
                  t ->
                      (t instanceof SubjectSet.SingleUser u && u.userId().equals(target))
                          || (t instanceof SubjectSet.GroupMembers g
                              && membership.groups().contains(g.groupId())));
    };
  }

  public static void requireInScope(
      AssignmentPolicy.Settings s, PrincipalId target, Membership membership) {
    boolean inScope = inScope(s, target, membership);
    if (!inScope) {
      throw new DomainException(
          DomainException.Reason.NOT_IN_POLICY_SCOPE,
          "The user is not among those this policy lets request the access package");
    }
  }

  /** Resolves every stage's approvers now; the requestor and target never approve themselves. */
  public Future<List<AssignmentRequest.Stage>> resolveStages(
      AssignmentPolicy.Settings s, PrincipalId requestor, PrincipalId target) {
    Future<List<AssignmentRequest.Stage>> all = Future.succeededFuture(new ArrayList<>());
    List<AssignmentPolicy.ApprovalStage> stages = s.requestApprovalSettings().stages();
    for (int i = 0; i < stages.size(); i++) {
      int index = i;
      AssignmentPolicy.ApprovalStage stage = stages.get(i);
      all =
          all.compose(
              list ->
                  approvers(
                          stage.primaryApprovers(),
                          stage.fallbackPrimaryApprovers(),
                          requestor,
                          target)
                      .compose(
                          primary -> {
                            if (primary.isEmpty()) {
                              throw new DomainException(
                                  DomainException.Reason.NO_APPROVER,
                                  "Stage "
                                      + (index + 1)
                                      + " of the policy has no approver for this user (no manager and no fallback)");
                            }
                            Future<List<PrincipalId>> escalation =
                                stage.isEscalationEnabled()
                                    ? approvers(
                                        stage.escalationApprovers(),
                                        stage.fallbackEscalationApprovers(),
                                        requestor,
                                        target)
                                    : Future.succeededFuture(List.of());
                            return escalation.map(
                                esc -> {
                                  list.add(
                                      new AssignmentRequest.Stage(
                                          index,
                                          primary,
                                          esc,
                                          false,
                                          stage.isApproverJustificationRequired(),
                                          stage.durationBeforeAutomaticDenial(),
                                          stage.isEscalationEnabled()
                                              ? stage.durationBeforeEscalation()
                                              : null,
                                          null,
                                          null,
                                          AssignmentRequest.Review.NOT_REVIEWED,
                                          null,
                                          null,
                                          null));
                                  return list;
                                });
                          }));
    }
    return all;
  }

  private Future<List<PrincipalId>> approvers(
      List<SubjectSet> primary,
      List<SubjectSet> fallback,
      PrincipalId requestor,
      PrincipalId target) {
    return users(primary, target)
        .compose(
            found -> {
              List<PrincipalId> usable =
                  found.stream().filter(p -> !p.equals(requestor) && !p.equals(target)).toList();
              if (!usable.isEmpty() || fallback.isEmpty()) {
                return Future.succeededFuture(usable);
              }
              return users(fallback, target)
                  .map(
                      f ->
                          f.stream()
                              .filter(p -> !p.equals(requestor) && !p.equals(target))
                              .toList());
            });
  }

  /** The users a list of subject sets names, for this target. */
  private Future<List<PrincipalId>> users(List<SubjectSet> sets, PrincipalId target) {
    Future<Set<PrincipalId>> all = Future.succeededFuture(new LinkedHashSet<>());
    for (SubjectSet set : sets) {
      all =
          all.compose(
              acc -> {
                if (set instanceof SubjectSet.SingleUser u) {
                  acc.add(u.userId());
                  return Future.succeededFuture(acc);
                }
                if (set instanceof SubjectSet.GroupMembers g) {
                  return directory
                      .membersOf(g.groupId(), 500)
                      .map(
                          m -> {
                            m.forEach(p -> acc.add(p.id()));
                            return acc;
                          });
                }
                int level = ((SubjectSet.RequestorManager) set).managerLevel();
                Future<Optional<PrincipalId>> manager = directory.managerOf(target);
                for (int l = 1; l < level; l++) {
                  manager =
                      manager.compose(
                          m ->
                              m.isPresent()
                                  ? directory.managerOf(m.get())
                                  : Future.succeededFuture(Optional.empty()));
                }
                return manager.map(
                    m -> {
                      m.ifPresent(acc::add);
                      return acc;
                    });
              });
    }
    return all.map(List::copyOf);
  }

  /** No second open request or assignment of the package, and separation of duties. */
  public static Future<Void> requireNoConflict(
      UnitOfWork uow, AccessPackage pkg, PrincipalId target, Membership membership) {
    return requireNoConflictExceptOwnRequest(uow, pkg, target, membership, null)
        .compose(ok -> uow.requests().openFor(target, pkg.id()))
        .map(
            open -> {
              if (open.isPresent()) {
                throw new DomainException(
                    DomainException.Reason.ALREADY_ASSIGNED_PACKAGE,
                    "The user already has an open request '"
                        + open.get().id()
                        + "' for this access package");
              }
              return null;
            });
  }

  /** Between request and approval the user may have gained an incompatible package. */
  public static Future<Void> requireNoConflictAtApproval(
      UnitOfWork uow, AccessPackage pkg, AssignmentRequest r, Membership m) {
    return requireNoConflictExceptOwnRequest(uow, pkg, r.targetId(), m, r.id());
  }

  /**
   * The user holds neither this package, nor one it names as incompatible, nor a group it names as
   * incompatible — whether the directory says so already or an active assignment grants that group
   * (delivered or not yet). Checked under the user's lock, so concurrent requests see each other.
   */
  public static Future<Void> requireNoConflictExceptOwnRequest(
      UnitOfWork uow, AccessPackage pkg, PrincipalId target, Membership membership, RequestId own) {
    return uow.assignments()
        .lockHolder(target)
        .compose(locked -> uow.assignments().activeOf(target))
        .compose(
            active -> {
              if (active.stream().anyMatch(a -> a.accessPackageId().equals(pkg.id()))) {
                throw new DomainException(
                    DomainException.Reason.ALREADY_ASSIGNED_PACKAGE,
                    "The user already has this access package");
              }
              Set<AccessPackageId> held =
                  active.stream().map(Assignment::accessPackageId).collect(Collectors.toSet());
              return uow.accessPackages()
                  .incompatiblePackages(pkg.id())
                  .compose(
                      incompatible -> {
                        for (AccessPackage other : incompatible) {
                          if (held.contains(other.id())) {
                            throw new DomainException(
                                DomainException.Reason.INCOMPATIBLE_ACCESS,
                                "The user holds '"
                                    + other.displayName()
                                    + "', which is incompatible with this access package");
                          }
                        }
                        return uow.accessPackages().incompatibleGroups(pkg.id());
                      })
                  .compose(
                      groups ->
                          groups.isEmpty()
                              ? Future.succeededFuture()
                              : grantedGroups(uow, held)
                                  .map(
                                      granted -> {
                                        for (PrincipalId g : groups) {
                                          if (membership.groups().contains(g)
                                              || granted.contains(g)) {
                                            throw new DomainException(
                                                DomainException.Reason.INCOMPATIBLE_ACCESS,
                                                "The user is a member of group '"
                                                    + g
                                                    + "', which is incompatible with this access"
                                                    + " package");
                                          }
                                        }
                                        return null;
                                      }));
            });
  }

  /** The groups the packages a user holds put them in. */
  private static Future<Set<PrincipalId>> grantedGroups(UnitOfWork uow, Set<AccessPackageId> held) {
    Future<Set<PrincipalId>> all = Future.succeededFuture(new java.util.HashSet<>());
    for (AccessPackageId p : held) {
      all =
          all.compose(
              acc ->
                  uow.accessPackages()
                      .roleScopes(p)
                      .map(
                          scopes -> {
                            scopes.forEach(sc -> acc.add(sc.groupId()));
                            return acc;
                          }));
    }
    return all;
  }
}
