package dev.steward.application.service;

import dev.steward.application.port.in.ApproveRequestsUseCase;
import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestAccessUseCase;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.ViewAssignmentsUseCase;
import dev.steward.application.port.out.AssignmentRequests;
import dev.steward.application.port.out.Assignments;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.Directory;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Membership;
import dev.steward.application.port.out.ScheduledWork;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.HeldRole;
import dev.steward.domain.PermissionMatrix;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.SubjectSet;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Requests, approvals and assignments. Everything the directory must answer (target, groups,
 * managers, approvers) is asked before a transaction opens; the package row is locked while a
 * request is written, so the same user cannot end up with two open requests or assignments for it.
 */
public final class AccessRequestService
    implements RequestAccessUseCase, ApproveRequestsUseCase, ViewAssignmentsUseCase {
  private final Transactions transactions;
  private final AccessControl access;
  private final Directory directory;
  private final Clock clock;
  private final IdGenerator ids;
  private final Audit audit;
  private final Delivery delivery;

  public AccessRequestService(
      Transactions transactions,
      AccessControl access,
      Directory directory,
      Clock clock,
      IdGenerator ids) {
    this.transactions = transactions;
    this.access = access;
    this.directory = directory;
    this.clock = clock;
    this.ids = ids;
    this.audit = new Audit(clock, ids);
    this.delivery = new Delivery(transactions, directory, clock, ids, access.telemetry());
  }

  // ------------------------------------------------------------------ submitting

  /** What a request needs from the store before the directory is asked. */
  private record Context(
      AccessPackage pkg, AssignmentPolicy policy, Optional<Assignment> assignment) {}

  @Override
  public Future<AssignmentRequest> submit(RequestContext ctx, SubmitRequest cmd) {
    if (cmd.type().adds()) {
      if (cmd.accessPackage() == null || cmd.policy() == null) {
        throw DomainException.invalid(
            "assignment",
            "an add names assignment.accessPackageId and assignment.assignmentPolicyId");
      }
      if (cmd.type() == AssignmentRequest.Type.ADMIN_ADD && cmd.target() == null) {
        throw DomainException.invalid(
            "assignment.targetId", "adminAdd names the user in assignment.targetId");
      }
    } else if (cmd.assignment() == null) {
      throw DomainException.invalid(
          "assignment.id", cmd.type().apiName() + " names the assignment in assignment.id");
    }
    return transactions
        .read(uow -> loadContext(uow, cmd))
        .compose(
            c ->
                cmd.type().adds()
                    ? submitAdd(ctx, cmd, c)
                    : cmd.type().removes() ? submitRemove(ctx, cmd, c) : submitExtend(ctx, cmd, c));
  }

  private Future<Context> loadContext(UnitOfWork uow, SubmitRequest cmd) {
    if (cmd.type().adds()) {
      return Lookups.accessPackage(uow, cmd.accessPackage(), false)
          .compose(
              pkg ->
                  policyOf(uow, cmd.policy(), pkg).map(p -> new Context(pkg, p, Optional.empty())));
    }
    return Lookups.orNotFound(
            uow.assignments().find(cmd.assignment()),
            DomainException.Reason.ASSIGNMENT_NOT_FOUND,
            "Assignment",
            cmd.assignment().value())
        .compose(
            a ->
                Lookups.accessPackage(uow, a.accessPackageId(), false)
                    .compose(
                        pkg ->
                            policyOf(uow, a.policyId(), pkg)
                                .map(p -> new Context(pkg, p, Optional.of(a)))));
  }

  private static Future<AssignmentPolicy> policyOf(
      UnitOfWork uow, dev.steward.domain.PolicyId id, AccessPackage pkg) {
    return Lookups.policy(uow, id)
        .map(
            p -> {
              if (!p.accessPackageId().equals(pkg.id())) {
                throw DomainException.invalid(
                    "assignment.assignmentPolicyId",
                    "the policy belongs to another access package");
              }
              return p;
            });
  }

  private Future<AssignmentRequest> submitAdd(RequestContext ctx, SubmitRequest cmd, Context c) {
    PrincipalId target =
        cmd.type() == AssignmentRequest.Type.USER_ADD ? ctx.actor().userId() : cmd.target();
    AssignmentPolicy.Settings s = c.policy().settings();
    if (s.requestApprovalSettings().isRequestorJustificationRequired()
        && (cmd.justification() == null || cmd.justification().isBlank())) {
      throw DomainException.invalid(
          "justification", "this policy asks requestors for a justification");
    }
    Future<Optional<Principal>> targetUser = directory.find(target);
    Future<Membership> groups = directory.membershipOf(target);
    return targetUser
        .compose(
            t -> {
              if (t.filter(Principal::isUser).isEmpty()) {
                throw DomainException.notFound(
                    DomainException.Reason.PRINCIPAL_NOT_FOUND, "Directory user", target.value());
              }
              return groups;
            })
        .compose(
            membership -> {
              if (cmd.type() == AssignmentRequest.Type.USER_ADD) {
                if (!s.requestorSettings().enableTargetsToSelfAddAccess()) {
                  throw new DomainException(
                      DomainException.Reason.REQUEST_NOT_ALLOWED,
                      "This policy does not let users request access themselves");
                }
                requireInScope(s, target, membership);
              } else if (s.allowedTargetScope() != AssignmentPolicy.TargetScope.NOT_SPECIFIED) {
                requireInScope(s, target, membership);
              }
              boolean approval = s.requestApprovalSettings().isApprovalRequiredForAdd();
              return (approval
                      ? resolveStages(s, ctx.actor().userId(), target)
                      : Future.succeededFuture(List.<AssignmentRequest.Stage>of()))
                  .compose(stages -> writeAdd(ctx, cmd, c, target, membership, stages));
            });
  }

  private static boolean inScope(
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

  private static void requireInScope(
      AssignmentPolicy.Settings s, PrincipalId target, Membership membership) {
    boolean inScope = inScope(s, target, membership);
    if (!inScope) {
      throw new DomainException(
          DomainException.Reason.NOT_IN_POLICY_SCOPE,
          "The user is not among those this policy lets request the access package");
    }
  }

  /** Resolves every stage's approvers now; the requestor and target never approve themselves. */
  private Future<List<AssignmentRequest.Stage>> resolveStages(
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

  private Future<AssignmentRequest> writeAdd(
      RequestContext ctx,
      SubmitRequest cmd,
      Context c,
      PrincipalId target,
      Membership membership,
      List<AssignmentRequest.Stage> stages) {
    Instant now = clock.now();
    RequestId requestId = new RequestId(ids.newId());
    return transactions
        .inTransaction(
            uow ->
                Lookups.accessPackage(uow, c.pkg().id(), true)
                    .compose(
                        pkg ->
                            cmd.type() == AssignmentRequest.Type.ADMIN_ADD
                                ? access
                                    .require(
                                        ctx.actor(),
                                        uow.roleAssignments(),
                                        Task.MANAGE_ASSIGNMENTS,
                                        pkg.scope())
                                    .mapEmpty()
                                : Future.succeededFuture())
                    .compose(ok -> requireNoConflict(uow, c.pkg(), target, membership))
                    .compose(
                        ok -> {
                          AssignmentRequest request =
                              new AssignmentRequest(
                                      requestId,
                                      cmd.type(),
                                      AssignmentRequest.State.SUBMITTED,
                                      c.pkg().id(),
                                      c.policy().id(),
                                      c.pkg().catalogId(),
                                      ctx.actor().userId(),
                                      target,
                                      null,
                                      cmd.justification(),
                                      null,
                                      stages,
                                      "",
                                      now,
                                      null)
                                  .submitted(now);
                          if (request.state() == AssignmentRequest.State.PENDING_APPROVAL) {
                            return uow.requests()
                                .insert(request)
                                .compose(done -> scheduleStage(uow, request))
                                .compose(done -> audited(ctx, uow, "request.submit", request))
                                .map(done -> request);
                          }
                          Assignment assignment = newAssignment(c.pkg(), c.policy(), target, now);
                          AssignmentRequest delivering = request.delivering(assignment.id());
                          return uow.assignments()
                              .insert(assignment)
                              .compose(done -> uow.requests().insert(delivering))
                              .compose(done -> audited(ctx, uow, "request.submit", delivering))
                              .map(done -> delivering);
                        }))
        .compose(
            r ->
                r.state() == AssignmentRequest.State.DELIVERING
                    ? delivery
                        .deliver(ctx, r.assignmentId(), Optional.of(r.id()))
                        .compose(a -> reload(r.id()))
                    : Future.succeededFuture(r));
  }

  private Assignment newAssignment(
      AccessPackage pkg, AssignmentPolicy policy, PrincipalId target, Instant now) {
    return new Assignment(
        new AssignmentId(ids.newId()),
        pkg.id(),
        policy.id(),
        pkg.catalogId(),
        target,
        Assignment.State.DELIVERING,
        now,
        policy.settings().expiration().endFor(now),
        null,
        null,
        now,
        now);
  }

  /** No second open request or assignment of the package, and separation of duties. */
  private Future<Void> requireNoConflict(
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

  private static Future<Void> scheduleStage(UnitOfWork uow, AssignmentRequest r) {
    Optional<AssignmentRequest.Stage> stage = r.currentStage();
    if (stage.isEmpty()) {
      return uow.scheduledWork()
          .cancel(ScheduledWork.Kind.APPROVAL_DEADLINE, r.id().value())
          .compose(
              ok ->
                  uow.scheduledWork()
                      .cancel(ScheduledWork.Kind.APPROVAL_ESCALATION, r.id().value()));
    }
    Future<Void> deadline =
        uow.scheduledWork()
            .schedule(
                ScheduledWork.Kind.APPROVAL_DEADLINE, r.id().value(), stage.get().dueDateTime());
    return stage.get().escalateDateTime() == null || stage.get().escalated()
        ? deadline.compose(
            ok ->
                uow.scheduledWork().cancel(ScheduledWork.Kind.APPROVAL_ESCALATION, r.id().value()))
        : deadline.compose(
            ok ->
                uow.scheduledWork()
                    .schedule(
                        ScheduledWork.Kind.APPROVAL_ESCALATION,
                        r.id().value(),
                        stage.get().escalateDateTime()));
  }

  private Future<Void> audited(
      RequestContext ctx, UnitOfWork uow, String action, AssignmentRequest r) {
    return uow.auditTrail()
        .append(audit.record(ctx, action, "assignmentRequest", r.id().value(), null, snapshot(r)));
  }

  static Map<String, Object> snapshot(AssignmentRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("requestType", r.type().apiName());
    m.put("state", r.state().apiName());
    m.put("accessPackageId", r.accessPackageId().value());
    m.put("targetId", r.targetId().value());
    m.put("requestorId", r.requestorId().value());
    m.put("assignmentId", r.assignmentId() == null ? null : r.assignmentId().value());
    return m;
  }

  private Future<AssignmentRequest> reload(RequestId id) {
    return transactions.read(uow -> request(uow, id, false));
  }

  private static Future<AssignmentRequest> request(UnitOfWork uow, RequestId id, boolean lock) {
    return Lookups.orNotFound(
        lock ? uow.requests().findForUpdate(id) : uow.requests().find(id),
        DomainException.Reason.REQUEST_NOT_FOUND,
        "Assignment request",
        id.value());
  }

  private Future<AssignmentRequest> submitRemove(RequestContext ctx, SubmitRequest cmd, Context c) {
    Assignment a = c.assignment().orElseThrow();
    Instant now = clock.now();
    RequestId requestId = new RequestId(ids.newId());
    return transactions
        .inTransaction(
            uow ->
                authorizeOnAssignment(
                        ctx,
                        uow,
                        cmd.type(),
                        a,
                        c.policy().settings().requestorSettings().enableTargetsToSelfRemoveAccess())
                    .compose(
                        ok -> {
                          if (!a.isActive()) {
                            throw new DomainException(
                                DomainException.Reason.REQUEST_NOT_ALLOWED,
                                "The assignment is " + a.state().apiName() + " already");
                          }
                          AssignmentRequest request =
                              new AssignmentRequest(
                                  requestId,
                                  cmd.type(),
                                  AssignmentRequest.State.DELIVERING,
                                  a.accessPackageId(),
                                  a.policyId(),
                                  a.catalogId(),
                                  ctx.actor().userId(),
                                  a.targetId(),
                                  a.id(),
                                  cmd.justification(),
                                  null,
                                  List.of(),
                                  "Removing",
                                  now,
                                  null);
                          return uow.requests()
                              .insert(request)
                              .compose(done -> audited(ctx, uow, "request.submit", request))
                              .map(request);
                        }))
        .compose(r -> delivery.remove(ctx, a.id(), Optional.of(r.id()), "assignment.removed"))
        .compose(removed -> reload(requestId));
  }

  private Future<Void> authorizeOnAssignment(
      RequestContext ctx,
      UnitOfWork uow,
      AssignmentRequest.Type type,
      Assignment a,
      boolean selfAllowed) {
    if (type.byAdministrator()) {
      return access
          .require(ctx.actor(), uow.roleAssignments(), Task.MANAGE_ASSIGNMENTS, a.scope())
          .mapEmpty();
    }
    if (!a.targetId().equals(ctx.actor().userId())) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED, "Users may only change their own assignments");
    }
    if (!selfAllowed) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_ALLOWED,
          "This policy does not let users do this themselves");
    }
    return Future.succeededFuture();
  }

  private Future<AssignmentRequest> submitExtend(RequestContext ctx, SubmitRequest cmd, Context c) {
    Assignment a = c.assignment().orElseThrow();
    AssignmentPolicy.Settings s = c.policy().settings();
    Instant now = clock.now();
    Instant longest = s.expiration().endFor(now);
    Instant wanted = cmd.requestedEnd() != null ? cmd.requestedEnd() : longest;
    if (a.endDateTime() == null) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_ALLOWED,
          "The assignment never expires; there is nothing to extend");
    }
    if (wanted == null || (longest != null && wanted.isAfter(longest))) {
      throw DomainException.invalid(
          "schedule.expiration.endDateTime",
          "an extension cannot pass the policy's end, " + longest);
    }
    if (!wanted.isAfter(a.endDateTime())) {
      throw DomainException.invalid(
          "schedule.expiration.endDateTime",
          "the new end must be after the current end, " + a.endDateTime());
    }
    boolean approval = s.requestApprovalSettings().isApprovalRequiredForUpdate();
    return (approval
            ? resolveStages(s, ctx.actor().userId(), a.targetId())
            : Future.succeededFuture(List.<AssignmentRequest.Stage>of()))
        .compose(
            stages ->
                transactions.inTransaction(
                    uow ->
                        authorizeOnAssignment(
                                ctx,
                                uow,
                                cmd.type(),
                                a,
                                s.requestorSettings().enableTargetsToSelfUpdateAccess())
                            .compose(
                                ok -> {
                                  if (!a.isActive()) {
                                    throw new DomainException(
                                        DomainException.Reason.REQUEST_NOT_ALLOWED,
                                        "Only an active assignment can be extended");
                                  }
                                  AssignmentRequest request =
                                      new AssignmentRequest(
                                              new RequestId(ids.newId()),
                                              cmd.type(),
                                              AssignmentRequest.State.SUBMITTED,
                                              a.accessPackageId(),
                                              a.policyId(),
                                              a.catalogId(),
                                              ctx.actor().userId(),
                                              a.targetId(),
                                              a.id(),
                                              cmd.justification(),
                                              wanted,
                                              stages,
                                              "",
                                              now,
                                              null)
                                          .submitted(now);
                                  if (request.state() == AssignmentRequest.State.PENDING_APPROVAL) {
                                    return uow.requests()
                                        .insert(request)
                                        .compose(done -> scheduleStage(uow, request))
                                        .compose(
                                            done -> audited(ctx, uow, "request.submit", request))
                                        .map(request);
                                  }
                                  return uow.requests()
                                      .insert(request)
                                      .compose(done -> extend(ctx, uow, request));
                                })));
  }

  /** Moves the assignment's end and its expiry work; the request is then delivered. */
  private Future<AssignmentRequest> extend(
      RequestContext ctx, UnitOfWork uow, AssignmentRequest request) {
    Instant now = clock.now();
    return Lookups.orNotFound(
            uow.assignments().findForUpdate(request.assignmentId()),
            DomainException.Reason.ASSIGNMENT_NOT_FOUND,
            "Assignment",
            request.assignmentId().value())
        .compose(
            before -> {
              Assignment after = before.withEnd(request.requestedEnd(), now);
              AssignmentRequest done = request.delivered(after.id(), now);
              access.telemetry().requestSettled(done.type(), done.state());
              return uow.assignments()
                  .update(after)
                  .compose(
                      ok ->
                          uow.scheduledWork()
                              .schedule(
                                  ScheduledWork.Kind.EXPIRE_ASSIGNMENT,
                                  after.id().value(),
                                  after.endDateTime()))
                  .compose(ok -> uow.requests().update(done))
                  .compose(
                      ok ->
                          uow.auditTrail()
                              .append(
                                  audit.record(
                                      ctx,
                                      "assignment.extended",
                                      "assignment",
                                      after.id().value(),
                                      Delivery.snapshot(before),
                                      Delivery.snapshot(after))))
                  .map(done);
            });
  }

  // ------------------------------------------------------------------ following requests

  @Override
  public Future<AssignmentRequest> cancel(RequestContext ctx, RequestId id) {
    return transactions.inTransaction(
        uow ->
            request(uow, id, true)
                .compose(
                    r ->
                        (r.requestorId().equals(ctx.actor().userId())
                                ? Future.succeededFuture()
                                : access
                                    .require(
                                        ctx.actor(),
                                        uow.roleAssignments(),
                                        Task.REPROCESS_OR_CANCEL_REQUEST,
                                        r.scope())
                                    .mapEmpty())
                            .compose(
                                ok -> {
                                  AssignmentRequest canceled = r.canceled(clock.now());
                                  access
                                      .telemetry()
                                      .requestSettled(canceled.type(), canceled.state());
                                  return uow.requests()
                                      .update(canceled)
                                      .compose(done -> scheduleStage(uow, canceled))
                                      .compose(
                                          done -> audited(ctx, uow, "request.cancel", canceled))
                                      .map(canceled);
                                })));
  }

  @Override
  public Future<AssignmentRequest> reprocess(RequestContext ctx, RequestId id) {
    return transactions
        .read(
            uow ->
                request(uow, id, false)
                    .compose(
                        r ->
                            access
                                .require(
                                    ctx.actor(),
                                    uow.roleAssignments(),
                                    Task.REPROCESS_OR_CANCEL_REQUEST,
                                    r.scope())
                                .map(r)))
        .compose(
            r -> {
              if (r.state() != AssignmentRequest.State.DELIVERY_FAILED
                  || r.assignmentId() == null) {
                throw new DomainException(
                    DomainException.Reason.REQUEST_NOT_PENDING,
                    "Only a request whose delivery failed can be reprocessed");
              }
              return (r.type().removes()
                      ? delivery.remove(
                          ctx, r.assignmentId(), Optional.of(r.id()), "assignment.removed")
                      : delivery.deliver(ctx, r.assignmentId(), Optional.of(r.id())))
                  .compose(a -> reload(id));
            });
  }

  @Override
  public Future<AssignmentRequest> get(RequestContext ctx, RequestId id) {
    return transactions.read(
        uow ->
            request(uow, id, false)
                .compose(
                    r -> {
                      PrincipalId me = ctx.actor().userId();
                      boolean involved =
                          r.requestorId().equals(me)
                              || r.targetId().equals(me)
                              || r.stages().stream().anyMatch(s -> s.approvers().contains(me));
                      return involved
                          ? Future.succeededFuture(r)
                          : access
                              .require(
                                  ctx.actor(),
                                  uow.roleAssignments(),
                                  Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                                  r.scope())
                              .map(r);
                    }));
  }

  /** The catalogs whose assignments and requests the caller may view; empty means all. */
  private Future<Optional<Set<CatalogId>>> viewable(RequestContext ctx, UnitOfWork uow) {
    return access
        .heldRoles(ctx.actor(), uow.roleAssignments())
        .map(
            held -> {
              if (AccessControl.isAdministrator(held)) {
                return Optional.<Set<CatalogId>>empty();
              }
              Set<CatalogId> catalogs = new java.util.HashSet<>();
              for (HeldRole h : held) {
                if (!h.scope().isTenant()
                    && PermissionMatrix.rolesFor(Task.VIEW_ASSIGNMENTS_AND_REQUESTS)
                        .contains(h.role())) {
                  catalogs.add(h.scope().catalogId().orElseThrow());
                }
              }
              return Optional.of(catalogs);
            });
  }

  @Override
  public Future<Page<AssignmentRequest>> list(RequestContext ctx, String afterId, int limit) {
    return transactions.read(
        uow ->
            viewable(ctx, uow)
                .compose(
                    catalogs ->
                        catalogs.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(List.<AssignmentRequest>of())
                            : uow.requests()
                                .list(
                                    new AssignmentRequests.Query(
                                        catalogs,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        afterId,
                                        limit + 1)))
                .map(found -> Page.of(found, limit, r -> r.id().value())));
  }

  @Override
  public Future<Page<AssignmentRequest>> mine(
      RequestContext ctx, Mine on, String afterId, int limit) {
    PrincipalId me = ctx.actor().userId();
    AssignmentRequests.Query q =
        new AssignmentRequests.Query(
            Optional.empty(),
            on == Mine.TARGET ? Optional.of(me) : Optional.empty(),
            on == Mine.CREATED_BY ? Optional.of(me) : Optional.empty(),
            Optional.empty(),
            afterId,
            limit + 1);
    return transactions
        .read(uow -> uow.requests().list(q))
        .map(found -> Page.of(found, limit, r -> r.id().value()));
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
   * Walks every policy in id order, a batch at a time, keeping those that let {@code me} ask for
   * access, until {@code limit} packages are found or the policies run out.
   */
  private Future<Void> scanPolicies(
      UnitOfWork uow,
      PrincipalId me,
      Membership membership,
      String afterId,
      Map<AccessPackageId, List<AssignmentPolicy>> found,
      int limit) {
    return uow.policies()
        .list(Optional.empty(), Optional.empty(), afterId, POLICY_BATCH)
        .compose(
            batch -> {
              for (AssignmentPolicy p : batch) {
                AssignmentPolicy.Settings s = p.settings();
                if (s.requestorSettings().enableTargetsToSelfAddAccess()
                    && inScope(s, me, membership)
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

  private static Future<List<Requestable>> withPackages(
      UnitOfWork uow, Map<AccessPackageId, List<AssignmentPolicy>> found) {
    List<Future<Optional<AccessPackage>>> lookups = new ArrayList<>();
    found.keySet().forEach(id -> lookups.add(uow.accessPackages().find(id)));
    return allOf(lookups)
        .map(
            all -> {
              List<Requestable> out = new ArrayList<>();
              for (Future<Optional<AccessPackage>> f : lookups) {
                f.result()
                    .filter(pkg -> !pkg.isHidden())
                    .ifPresent(pkg -> out.add(new Requestable(pkg, found.get(pkg.id()))));
              }
              return out;
            });
  }

  /**
   * Completes when every lookup has; typed as a plain Future (the application's one Vert.x type).
   */
  private static Future<Void> allOf(List<? extends Future<?>> lookups) {
    Future<?> all = Future.all(lookups);
    return all.mapEmpty();
  }

  @Override
  public Future<Map<AccessPackageId, AccessPackage>> packagesByIds(
      RequestContext ctx, Set<AccessPackageId> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return transactions.read(
        uow -> {
          List<Future<Optional<AccessPackage>>> lookups = new ArrayList<>();
          ids.forEach(id -> lookups.add(uow.accessPackages().find(id)));
          return allOf(lookups)
              .map(
                  all -> {
                    Map<AccessPackageId, AccessPackage> out = new LinkedHashMap<>();
                    lookups.forEach(f -> f.result().ifPresent(pkg -> out.put(pkg.id(), pkg)));
                    return out;
                  });
        });
  }

  // ------------------------------------------------------------------ approvals

  @Override
  public Future<Page<AssignmentRequest>> awaitingMe(RequestContext ctx, String afterId, int limit) {
    AssignmentRequests.Query q =
        new AssignmentRequests.Query(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(ctx.actor().userId()),
            afterId,
            limit + 1);
    return transactions
        .read(uow -> uow.requests().list(q))
        .map(found -> Page.of(found, limit, r -> r.id().value()));
  }

  @Override
  public Future<AssignmentRequest> approval(RequestContext ctx, RequestId id) {
    return get(ctx, id)
        .map(
            r -> {
              if (r.stages().isEmpty()) {
                throw DomainException.notFound(
                    DomainException.Reason.REQUEST_NOT_FOUND, "Approval", id.value());
              }
              return r;
            });
  }

  @Override
  public Future<AssignmentRequest> decide(
      RequestContext ctx,
      RequestId id,
      String stageId,
      AssignmentRequest.Review result,
      String justification) {
    // The target's groups (for separation of duties) are read before the transaction opens, so
    // no row lock waits on the directory.
    return transactions
        .read(uow -> request(uow, id, false))
        .compose(pending -> directory.membershipOf(pending.targetId()))
        .compose(
            membership -> decideInTransaction(ctx, id, stageId, result, justification, membership));
  }

  private Future<AssignmentRequest> decideInTransaction(
      RequestContext ctx,
      RequestId id,
      String stageId,
      AssignmentRequest.Review result,
      String justification,
      Membership membership) {
    return transactions
        .inTransaction(
            uow ->
                request(uow, id, true)
                    .compose(
                        r -> {
                          AssignmentRequest after =
                              r.decide(
                                  stageId,
                                  ctx.actor().userId(),
                                  result,
                                  justification,
                                  clock.now());
                          Future<AssignmentRequest> next;
                          if (after.state() == AssignmentRequest.State.DELIVERING
                              && after.type() == AssignmentRequest.Type.USER_EXTEND) {
                            next =
                                uow.requests().update(after).compose(ok -> extend(ctx, uow, after));
                          } else if (after.state() == AssignmentRequest.State.DELIVERING) {
                            next =
                                Lookups.accessPackage(uow, after.accessPackageId(), true)
                                    .compose(
                                        pkg ->
                                            Lookups.policy(uow, after.policyId())
                                                .compose(
                                                    policy ->
                                                        requireNoConflictAtApproval(
                                                                uow, pkg, after, membership)
                                                            .compose(
                                                                ok -> {
                                                                  Assignment a =
                                                                      newAssignment(
                                                                          pkg,
                                                                          policy,
                                                                          after.targetId(),
                                                                          clock.now());
                                                                  AssignmentRequest delivering =
                                                                      after.delivering(a.id());
                                                                  return uow.assignments()
                                                                      .insert(a)
                                                                      .compose(
                                                                          done ->
                                                                              uow.requests()
                                                                                  .update(
                                                                                      delivering))
                                                                      .map(delivering);
                                                                })));
                          } else {
                            if (after.state() == AssignmentRequest.State.DENIED) {
                              access.telemetry().requestSettled(after.type(), after.state());
                            }
                            next = uow.requests().update(after).map(after);
                          }
                          return next.compose(n -> scheduleStage(uow, n).map(n))
                              .compose(
                                  n ->
                                      uow.auditTrail()
                                          .append(
                                              audit.record(
                                                  ctx,
                                                  "approval."
                                                      + result
                                                          .apiName()
                                                          .toLowerCase(java.util.Locale.ROOT),
                                                  "assignmentRequest",
                                                  id.value(),
                                                  snapshot(r),
                                                  snapshot(n)))
                                          .map(n));
                        }))
        .compose(
            r ->
                r.state() == AssignmentRequest.State.DELIVERING && r.assignmentId() != null
                    ? delivery
                        .deliver(ctx, r.assignmentId(), Optional.of(r.id()))
                        .compose(a -> reload(r.id()))
                    : Future.succeededFuture(r));
  }

  /** Between request and approval the user may have gained an incompatible package. */
  private Future<Void> requireNoConflictAtApproval(
      UnitOfWork uow, AccessPackage pkg, AssignmentRequest r, Membership m) {
    return requireNoConflictExceptOwnRequest(uow, pkg, r.targetId(), m, r.id());
  }

  private Future<Void> requireNoConflictExceptOwnRequest(
      UnitOfWork uow, AccessPackage pkg, PrincipalId target, Membership membership, RequestId own) {
    return uow.assignments()
        .activeOf(target)
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
                  .map(
                      groups -> {
                        for (PrincipalId g : groups) {
                          if (membership.groups().contains(g)) {
                            throw new DomainException(
                                DomainException.Reason.INCOMPATIBLE_ACCESS,
                                "The user is a member of group '"
                                    + g
                                    + "', which is incompatible with this access package");
                          }
                        }
                        return null;
                      });
            });
  }

  // ------------------------------------------------------------------ assignments

  @Override
  public Future<Page<Assignment>> list(
      RequestContext ctx, Optional<AccessPackageId> accessPackage, String afterId, int limit) {
    return transactions.read(
        uow ->
            viewable(ctx, uow)
                .compose(
                    catalogs ->
                        catalogs.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(List.<Assignment>of())
                            : uow.assignments()
                                .list(
                                    new Assignments.Query(
                                        catalogs,
                                        accessPackage,
                                        Optional.empty(),
                                        afterId,
                                        limit + 1)))
                .map(found -> Page.of(found, limit, a -> a.id().value())));
  }

  @Override
  public Future<Page<Assignment>> mine(RequestContext ctx, String afterId, int limit) {
    return transactions
        .read(
            uow ->
                uow.assignments()
                    .list(
                        new Assignments.Query(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(ctx.actor().userId()),
                            afterId,
                            limit + 1)))
        .map(found -> Page.of(found, limit, a -> a.id().value()));
  }

  @Override
  public Future<Assignment> get(RequestContext ctx, AssignmentId id) {
    return transactions.read(
        uow ->
            Lookups.orNotFound(
                    uow.assignments().find(id),
                    DomainException.Reason.ASSIGNMENT_NOT_FOUND,
                    "Assignment",
                    id.value())
                .compose(
                    a ->
                        a.targetId().equals(ctx.actor().userId())
                            ? Future.succeededFuture(a)
                            : access
                                .require(
                                    ctx.actor(),
                                    uow.roleAssignments(),
                                    Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                                    a.scope())
                                .map(a)));
  }

  @Override
  public Future<List<Assignment>> additionalAccess(
      RequestContext ctx, AccessPackageId accessPackage, AccessPackageId incompatible) {
    return transactions.read(
        uow ->
            Lookups.accessPackage(uow, accessPackage, false)
                .compose(
                    pkg ->
                        access.require(
                            ctx.actor(),
                            uow.roleAssignments(),
                            Task.VIEW_ASSIGNMENTS_AND_REQUESTS,
                            pkg.scope()))
                .compose(
                    ok ->
                        uow.assignments()
                            .list(
                                new Assignments.Query(
                                    Optional.empty(),
                                    Optional.of(accessPackage),
                                    Optional.empty(),
                                    null,
                                    10_000)))
                .compose(
                    mine ->
                        uow.assignments()
                            .list(
                                new Assignments.Query(
                                    Optional.empty(),
                                    Optional.of(incompatible),
                                    Optional.empty(),
                                    null,
                                    10_000))
                            .map(
                                theirs -> {
                                  Set<PrincipalId> holders =
                                      theirs.stream()
                                          .filter(Assignment::isActive)
                                          .map(Assignment::targetId)
                                          .collect(Collectors.toSet());
                                  return mine.stream()
                                      .filter(Assignment::isActive)
                                      .filter(a -> holders.contains(a.targetId()))
                                      .toList();
                                })));
  }

  @Override
  public Future<Assignment> reprocess(RequestContext ctx, AssignmentId id) {
    return transactions
        .read(
            uow ->
                Lookups.orNotFound(
                        uow.assignments().find(id),
                        DomainException.Reason.ASSIGNMENT_NOT_FOUND,
                        "Assignment",
                        id.value())
                    .compose(
                        a ->
                            access
                                .require(
                                    ctx.actor(),
                                    uow.roleAssignments(),
                                    Task.REPROCESS_OR_CANCEL_REQUEST,
                                    a.scope())
                                .map(a)))
        .compose(
            a ->
                switch (a.state()) {
                  case DELIVERY_FAILED, DELIVERED, DELIVERING ->
                      delivery.deliver(ctx, id, Optional.empty());
                  case REMOVING -> delivery.remove(ctx, id, Optional.empty(), "assignment.removed");
                  case EXPIRED -> Future.succeededFuture(a);
                });
  }

  /** For the scheduler: the same directory work, done as Steward itself. */
  Delivery delivery() {
    return delivery;
  }
}
