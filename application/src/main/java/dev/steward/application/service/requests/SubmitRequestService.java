package dev.steward.application.service.requests;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.application.service.CustomExtensionCallouts;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.PolicyEvaluation;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.DomainException;
import dev.steward.domain.Notices;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Submitting requests: a user asks for access, gives it up or asks for more time; a manager adds or
 * removes someone directly. Everything the directory must answer (target, groups, approvers) is
 * asked before a transaction opens; the package row is locked while a request is written, so the
 * same user cannot end up with two open requests or assignments for it.
 */
public final class SubmitRequestService extends ServiceBase implements RequestAccessUseCase {
  private final DeliverAccessUseCase delivery;
  private final PolicyEvaluation evaluation;
  private final RequestSteps steps;
  private final ExtensionRequests extensions;
  private final CustomExtensionCallouts callouts;

  public SubmitRequestService(Essentials essentials, DeliverAccessUseCase delivery) {
    super(essentials);
    this.delivery = delivery;
    this.evaluation = new PolicyEvaluation(essentials.directory());
    this.steps = new RequestSteps(essentials);
    this.extensions = new ExtensionRequests(essentials);
    this.callouts = new CustomExtensionCallouts(essentials);
  }

  /** What a request needs from the store before the directory is asked. */
  record Context(AccessPackage pkg, AssignmentPolicy policy, Optional<Assignment> assignment) {}

  @Override
  public Future<AssignmentRequest> submit(RequestContext ctx, SubmitRequest cmd) {
    if (cmd.type().bySystem()) {
      throw DomainException.invalid(
          "requestType", cmd.type().apiName() + " is raised by Steward itself, never by a caller");
    }
    if (!cmd.answers().isEmpty() && !cmd.type().adds()) {
      throw DomainException.invalid("answers", "only a request to add access answers questions");
    }
    if (cmd.type().adds()) {
      if (cmd.accessPackage() == null || cmd.policy() == null) {
        throw DomainException.invalid(
            "assignment",
            "an add names assignment.accessPackageId and assignment.assignmentPolicyId");
      }
      if (cmd.type() == AssignmentRequest.Type.USER_ADD
          && cmd.target() != null
          && !cmd.target().equals(ctx.actor().userId())) {
        throw DomainException.invalid(
            "assignment.targetId",
            "userAdd asks for the caller's own access; an administrator uses adminAdd for others");
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
                    : cmd.type().removes()
                        ? submitRemove(ctx, cmd, c)
                        : extensions.submit(ctx, cmd, c));
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
    if (s.isAutomatic()) {
      throw new DomainException(
          DomainException.Reason.REQUEST_NOT_ALLOWED,
          "This policy assigns the access package automatically to the users its rule matches;"
              + " nobody requests access under it");
    }
    List<dev.steward.domain.Answer> answers =
        dev.steward.domain.Answer.validate(s.questions(), cmd.answers());
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
                PolicyEvaluation.requireInScope(s, target, membership);
              } else if (s.allowedTargetScope() != AssignmentPolicy.TargetScope.NOT_SPECIFIED) {
                PolicyEvaluation.requireInScope(s, target, membership);
              }
              boolean approval = s.requestApprovalSettings().isApprovalRequiredForAdd();
              return (approval
                      ? evaluation.resolveStages(s, ctx.actor().userId(), target)
                      : Future.succeededFuture(List.<AssignmentRequest.Stage>of()))
                  .compose(stages -> writeAdd(ctx, cmd, c, target, membership, stages, answers));
            });
  }

  private Future<AssignmentRequest> writeAdd(
      RequestContext ctx,
      SubmitRequest cmd,
      Context c,
      PrincipalId target,
      Membership membership,
      List<AssignmentRequest.Stage> stages,
      List<dev.steward.domain.Answer> answers) {
    Instant now = clock.now();
    RequestId requestId = new RequestId(ids.newId());
    return transactions
        .inTransaction(
            uow ->
                Lookups.accessPackageKept(uow, c.pkg().id())
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
                    .compose(
                        ok -> PolicyEvaluation.requireNoConflict(uow, c.pkg(), target, membership))
                    .compose(
                        ok ->
                            callouts.attached(
                                uow, c.policy(), CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED))
                    .compose(
                        extension -> {
                          AssignmentRequest fresh =
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
                                  .withAnswers(answers);
                          if (extension.isPresent() && extension.get().waits()) {
                            // Held before any approval starts, until the outside system answers.
                            AssignmentRequest held = fresh.awaitingCustomExtension();
                            return uow.requests()
                                .insert(held)
                                .compose(
                                    done ->
                                        callouts.call(
                                            uow,
                                            extension.get(),
                                            CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED,
                                            held))
                                .compose(done -> steps.audited(ctx, uow, "request.submit", held))
                                .map(held);
                          }
                          AssignmentRequest request = fresh.submitted(now);
                          java.util.function.Supplier<Future<Void>> called =
                              () ->
                                  extension.isEmpty()
                                      ? Future.succeededFuture()
                                      : callouts
                                          .call(
                                              uow,
                                              extension.get(),
                                              CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED,
                                              request)
                                          .mapEmpty();
                          if (request.state() == AssignmentRequest.State.PENDING_APPROVAL) {
                            return uow.requests()
                                .insert(request)
                                .compose(done -> RequestSteps.scheduleStage(uow, request))
                                .compose(done -> called.get())
                                .compose(done -> notify(uow, Notices.stageStarted(request)))
                                .compose(done -> steps.audited(ctx, uow, "request.submit", request))
                                .map(done -> request);
                          }
                          // Needing no approval, the request is approved at once: the approved
                          // stage's extension may hold it before delivery.
                          return callouts
                              .attached(
                                  uow,
                                  c.policy(),
                                  CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED)
                              .compose(
                                  approvedBy ->
                                      approvedBy.isPresent() && approvedBy.get().waits()
                                          ? holdApproved(
                                              ctx, uow, request, extension, approvedBy.get())
                                          : deliverAtOnce(
                                              ctx, uow, c, target, request, extension, approvedBy));
                        }))
        .compose(r -> steps.deliverIfDelivering(ctx, delivery, r));
  }

  /** A request needing no approval, held for the approved stage's extension before delivery. */
  private Future<AssignmentRequest> holdApproved(
      RequestContext ctx,
      UnitOfWork uow,
      AssignmentRequest approved,
      Optional<CustomExtension> atCreated,
      CustomExtension atApproved) {
    AssignmentRequest held = approved.awaitingCustomExtensionAfterApproval();
    return uow.requests()
        .insert(held)
        .compose(
            done ->
                callIfAttached(
                    uow, atCreated, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, held))
        .compose(
            done ->
                callouts.call(
                    uow, atApproved, CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, held))
        .compose(done -> steps.audited(ctx, uow, "request.submit", held))
        .map(held);
  }

  /** Calls the extension attached to {@code stage}, when one is. */
  private Future<Void> callIfAttached(
      UnitOfWork uow,
      Optional<CustomExtension> attached,
      CustomExtension.Stage stage,
      AssignmentRequest request) {
    return attached.isEmpty()
        ? Future.succeededFuture()
        : callouts.call(uow, attached.get(), stage, request).mapEmpty();
  }

  /** A request needing no approval gets its assignment now, delivered after the commit. */
  private Future<AssignmentRequest> deliverAtOnce(
      RequestContext ctx,
      UnitOfWork uow,
      Context c,
      PrincipalId target,
      AssignmentRequest approved,
      Optional<CustomExtension> atCreated,
      Optional<CustomExtension> atApproved) {
    Assignment assignment = steps.newAssignment(c.pkg(), c.policy(), target, clock.now());
    AssignmentRequest delivering = approved.delivering(assignment.id());
    return uow.assignments()
        .insert(assignment)
        .compose(done -> uow.requests().insert(delivering))
        .compose(
            done ->
                callIfAttached(
                    uow, atCreated, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, delivering))
        .compose(
            done ->
                callIfAttached(
                    uow, atApproved, CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED, delivering))
        .compose(done -> steps.audited(ctx, uow, "request.submit", delivering))
        .map(done -> delivering);
  }

  private Future<AssignmentRequest> submitRemove(RequestContext ctx, SubmitRequest cmd, Context c) {
    Assignment a = c.assignment().orElseThrow();
    Instant now = clock.now();
    RequestId requestId = new RequestId(ids.newId());
    return transactions
        .inTransaction(
            uow ->
                steps
                    .authorizeOnAssignment(
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
                              .compose(done -> steps.audited(ctx, uow, "request.submit", request))
                              .map(request);
                        }))
        .compose(r -> delivery.remove(ctx, a.id(), Optional.of(r.id()), "assignment.removed"))
        .compose(removed -> steps.reload(requestId));
  }

  @Override
  public Future<AssignmentRequest> cancel(RequestContext ctx, RequestId id) {
    return transactions.inTransaction(
        uow ->
            Lookups.request(uow, id, true)
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
                                      .compose(done -> RequestSteps.scheduleStage(uow, canceled))
                                      .compose(
                                          done ->
                                              steps.audited(ctx, uow, "request.cancel", canceled))
                                      .map(canceled);
                                })));
  }

  @Override
  public Future<AssignmentRequest> reprocess(RequestContext ctx, RequestId id) {
    return transactions
        .read(
            uow ->
                Lookups.request(uow, id, false)
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
                  .compose(a -> steps.reload(id));
            });
  }
}
