package dev.steward.application.service.extensions;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.extensions.ResumeRequestsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import dev.steward.application.service.ApprovedRequests;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.DomainException;
import dev.steward.domain.Notices;
import dev.steward.domain.RequestId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answers of outside systems. An answer is taken only when signed with the extension's secret
 * (Standard Webhooks, timestamp within five minutes) or sent by a signed-in caller who manages the
 * catalog's policies; it names the call it answers, which must still be waiting, and the stage it
 * was made at. Without a state a request held when created starts its first approval stage (or,
 * needing none, is approved), and one held when approved goes to delivery; with {@code denied} it
 * ends denied. A call answers once: a replay finds it answered.
 */
public final class ResumeService extends ServiceBase implements ResumeRequestsUseCase {
  /** How far a signed answer's timestamp may be from Steward's clock. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final DeliverAccessUseCase delivery;
  private final RequestSteps steps;
  private final ApprovedRequests approved;

  public ResumeService(Essentials essentials, DeliverAccessUseCase delivery) {
    super(essentials);
    this.delivery = delivery;
    this.steps = new RequestSteps(essentials);
    this.approved = new ApprovedRequests(essentials);
  }

  @Override
  public Future<List<Callout>> callouts(RequestContext ctx, RequestId request) {
    return steps
        .readable(ctx, request)
        .compose(r -> transactions.read(uow -> uow.callouts().forRequest(r.id().value())));
  }

  @Override
  public Future<Void> resume(Resume cmd) {
    return transactions
        .read(uow -> vouchedFor(uow, cmd))
        .compose(
            who ->
                transactions
                    .read(uow -> Lookups.request(uow, cmd.request(), false))
                    .compose(r -> directory.membershipOf(r.targetId()))
                    .compose(membership -> answer(cmd, who, membership)))
        .compose(r -> steps.deliverIfDelivering(r.getValue(), delivery, r.getKey()))
        .mapEmpty();
  }

  /** Checks the answer's signature or its caller, and says who the audit trail names. */
  private Future<RequestContext> vouchedFor(UnitOfWork uow, Resume cmd) {
    if (!dev.steward.domain.Guid.isValid(cmd.calloutId())) {
      throw DomainException.invalid(
          "data.customExtensionStageInstanceId",
          "'data.customExtensionStageInstanceId' must be a GUID");
    }
    // An unsigned-in sender learns nothing (not even whether the call exists) before its
    // signature is checked: every refusal until then is the same 403.
    boolean signed = cmd.signed().isPresent();
    return uow.callouts()
        .find(cmd.calloutId())
        .compose(
            found -> {
              Optional<Callout> call =
                  found.filter(x -> cmd.request().value().equals(x.requestId()));
              if (call.isEmpty()) {
                throw signed
                    ? refused("the webhook-signature does not match")
                    : DomainException.notFound(
                        DomainException.Reason.REQUEST_NOT_FOUND,
                        "Custom extension stage instance",
                        cmd.calloutId());
              }
              Callout c = call.get();
              return uow.customExtensions()
                  .find(c.extensionId())
                  .compose(
                      x -> {
                        if (x.isEmpty()) {
                          throw signed
                              ? refused("the webhook-signature does not match")
                              : new DomainException(
                                  DomainException.Reason.REQUEST_NOT_PENDING,
                                  "The custom extension was deleted");
                        }
                        Future<RequestContext> who;
                        if (signed) {
                          requireSignature(x.get(), cmd.signed().get());
                          who =
                              Future.succeededFuture(
                                  new RequestContext(
                                      new Actor(
                                          RequestContext.SYSTEM.actor().userId(),
                                          "customExtension:" + x.get().id()),
                                      cmd.requestId(),
                                      cmd.clientAddress()));
                        } else {
                          RequestContext caller =
                              cmd.caller()
                                  .orElseThrow(
                                      () ->
                                          new DomainException(
                                              DomainException.Reason.NOT_AUTHORIZED,
                                              "An answer is signed by the extension or sent by"
                                                  + " someone who manages the catalog"));
                          who =
                              access
                                  .require(
                                      caller.actor(),
                                      uow.roleAssignments(),
                                      Task.MANAGE_POLICIES,
                                      x.get().scope())
                                  .map(ok -> caller);
                        }
                        return who.map(
                            vouched -> {
                              if (c.stage() != cmd.stage()) {
                                throw DomainException.invalid(
                                    "data.stage", "the call was made at " + c.stage().apiName());
                              }
                              return vouched;
                            });
                      });
            });
  }

  private void requireSignature(CustomExtension x, Signed s) {
    long timestamp;
    try {
      timestamp = Long.parseLong(s.timestamp());
    } catch (NumberFormatException e) {
      throw refused("the webhook-timestamp is not a number of seconds");
    }
    Instant at = Instant.ofEpochSecond(timestamp);
    Instant now = clock.now();
    if (at.isBefore(now.minus(TOLERANCE)) || at.isAfter(now.plus(TOLERANCE))) {
      throw refused("the webhook-timestamp is more than five minutes from now");
    }
    if (!StandardWebhooks.verify(x.signingSecret(), s.id(), timestamp, s.body(), s.signature())) {
      throw refused("the webhook-signature does not match the extension's signing secret");
    }
  }

  private static DomainException refused(String why) {
    return new DomainException(DomainException.Reason.NOT_AUTHORIZED, "Answer refused: " + why);
  }

  private Future<java.util.Map.Entry<AssignmentRequest, RequestContext>> answer(
      Resume cmd, RequestContext who, Membership membership) {
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.callouts()
                .findForUpdate(cmd.calloutId())
                .compose(
                    found -> {
                      Callout c = found.orElseThrow();
                      if (!c.waiting()) {
                        throw new DomainException(
                            DomainException.Reason.REQUEST_NOT_PENDING,
                            "The call was answered already or is no longer waiting ("
                                + c.status().apiName()
                                + ")");
                      }
                      return uow.callouts()
                          .update(
                              c.with(
                                  Callout.Status.CALLBACK_RECEIVED,
                                  cmd.detail() == null ? "" : cmd.detail(),
                                  now))
                          .compose(ok -> Lookups.request(uow, cmd.request(), true));
                    })
                .compose(
                    r -> {
                      if (!r.isAwaitingCustomExtension()) {
                        throw new DomainException(
                            DomainException.Reason.REQUEST_NOT_PENDING,
                            "Request '" + r.id() + "' is not waiting for a custom extension");
                      }
                      Future<AssignmentRequest> next =
                          switch (cmd.answer()) {
                            case DENY -> deny(uow, r, now);
                            case CANCEL -> cancel(uow, r, now);
                            case GO_ON -> goOn(who, uow, cmd.stage(), r, membership, now);
                          };
                      return next.compose(
                          after ->
                              audited(
                                      who,
                                      uow,
                                      switch (cmd.answer()) {
                                        case DENY -> "request.customExtensionDenied";
                                        case CANCEL -> "request.customExtensionCanceled";
                                        case GO_ON -> "request.resumed";
                                      },
                                      "assignmentRequest",
                                      r.id().value(),
                                      Audit.snapshot(r),
                                      Audit.snapshot(after))
                                  .map(java.util.Map.entry(after, who)));
                    }));
  }

  private Future<AssignmentRequest> deny(UnitOfWork uow, AssignmentRequest r, Instant now) {
    AssignmentRequest denied = r.deniedByCustomExtension(now);
    access.telemetry().requestSettled(denied.type(), denied.state());
    return uow.requests().update(denied).map(denied);
  }

  private Future<AssignmentRequest> cancel(UnitOfWork uow, AssignmentRequest r, Instant now) {
    AssignmentRequest canceled = r.canceled(now);
    access.telemetry().requestSettled(canceled.type(), canceled.state());
    return uow.requests().update(canceled).map(canceled);
  }

  /**
   * Answered at {@code assignmentRequestCreated}, the request starts its first approval stage or,
   * when it needs none, is approved; answered at {@code assignmentRequestApproved}, it goes to
   * delivery.
   */
  private Future<AssignmentRequest> goOn(
      RequestContext who,
      UnitOfWork uow,
      CustomExtension.Stage stage,
      AssignmentRequest r,
      Membership membership,
      Instant now) {
    if (stage == CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED) {
      return approved.toDelivery(who, uow, r.resumedAfterApproval(), Optional.of(membership));
    }
    AssignmentRequest started = r.submitted(now);
    if (started.state() == AssignmentRequest.State.PENDING_APPROVAL) {
      return uow.requests()
          .update(started)
          .compose(ok -> RequestSteps.scheduleStage(uow, started))
          .compose(ok -> notify(uow, Notices.stageStarted(started)))
          .map(started);
    }
    return approved.approved(who, uow, started, Optional.of(membership));
  }
}
