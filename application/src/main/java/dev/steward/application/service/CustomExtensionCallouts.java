package dev.steward.application.service;

import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of custom extensions that a request's stages cause: recorded as a call and an outbox
 * row in the stage's own transaction, sent afterwards by the webhook sender. Submitting, approving
 * and delivering share it.
 */
public final class CustomExtensionCallouts {
  private final Essentials e;

  public CustomExtensionCallouts(Essentials essentials) {
    this.e = essentials;
  }

  /** The extension the policy attaches to the stage, if any (and if it still exists). */
  public Future<Optional<CustomExtension>> attached(
      UnitOfWork uow, AssignmentPolicy policy, CustomExtension.Stage stage) {
    Optional<String> id =
        policy == null
            ? Optional.empty()
            : policy.settings().customExtensionStageSettings().stream()
                .filter(s -> s.stage() == stage)
                .map(CustomExtension.StageSetting::customExtensionId)
                .findFirst();
    return id.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : uow.customExtensions().find(id.get());
  }

  /** Calls whatever the request's policy attaches to the stage, without waiting for an answer. */
  public Future<Void> atStage(UnitOfWork uow, CustomExtension.Stage stage, AssignmentRequest r) {
    if (r.policyId() == null) {
      return Future.succeededFuture();
    }
    return uow.policies()
        .find(r.policyId())
        .compose(p -> attached(uow, p.orElse(null), stage))
        .compose(
            x ->
                x.isPresent() ? call(uow, x.get(), stage, r).mapEmpty() : Future.succeededFuture());
  }

  /**
   * Records one call of the extension about the request (already stored): a call that waits when
   * the extension waits and the stage can, and the webhook in the outbox.
   */
  public Future<Callout> call(
      UnitOfWork uow, CustomExtension x, CustomExtension.Stage stage, AssignmentRequest r) {
    java.time.Instant now = e.clock().now();
    boolean waits = x.waits() && stage.canWait();
    Callout callout =
        new Callout(
            e.ids().newId(),
            r.id().value(),
            null,
            x.id(),
            stage,
            waits ? Callout.Status.WAITING_FOR_CALLBACK : Callout.Status.CALLOUT_PENDING,
            waits ? now.plus(x.callbackTimeout()) : null,
            "",
            now,
            null,
            null);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("calloutId", callout.id());
    facts.put("requestId", r.id().value());
    facts.put("requestType", r.type().apiName());
    facts.put("state", r.state().apiName());
    facts.put("status", r.status());
    facts.put("packageId", r.accessPackageId().value());
    facts.put("catalogId", r.catalogId().value());
    facts.put("requestorId", r.requestorId().value());
    facts.put("targetId", r.targetId().value());
    facts.put("assignmentId", r.assignmentId() == null ? "" : r.assignmentId().value());
    facts.put("justification", r.justification());
    facts.put("createdDateTime", r.createdDateTime().toString());
    facts.put("timeoutDuration", waits ? x.callbackTimeout().toString() : "");
    return record(uow, callout, facts);
  }

  /**
   * Calls whatever the assignment's policy attaches to an expiry stage (14 days or a day before its
   * end), without waiting; recorded in the warning's own transaction.
   */
  public Future<Void> atAssignmentStage(
      UnitOfWork uow, CustomExtension.Stage stage, dev.steward.domain.Assignment a) {
    return uow.policies()
        .find(a.policyId())
        .compose(p -> attached(uow, p.orElse(null), stage))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture();
              }
              java.time.Instant now = e.clock().now();
              Callout callout =
                  new Callout(
                      e.ids().newId(),
                      null,
                      a.id().value(),
                      found.get().id(),
                      stage,
                      Callout.Status.CALLOUT_PENDING,
                      null,
                      "",
                      now,
                      null,
                      null);
              Map<String, String> facts = new LinkedHashMap<>();
              facts.put("calloutId", callout.id());
              facts.put("assignmentId", a.id().value());
              facts.put("assignmentState", a.state().apiName());
              facts.put("endDateTime", a.endDateTime() == null ? "" : a.endDateTime().toString());
              facts.put("packageId", a.accessPackageId().value());
              facts.put("catalogId", a.catalogId().value());
              facts.put("targetId", a.targetId().value());
              return record(uow, callout, facts).mapEmpty();
            });
  }

  /** The call and its webhook in the outbox, in the caller's transaction. */
  private Future<Callout> record(UnitOfWork uow, Callout callout, Map<String, String> facts) {
    OutboxMessage m =
        new OutboxMessage(
            e.ids().newId(),
            OutboxMessage.WEBHOOK,
            callout.stage().apiName(),
            "callout:" + callout.id(),
            callout.extensionId(),
            facts,
            0,
            callout.createdAt());
    e.access().telemetry().notification(OutboxMessage.WEBHOOK, "queued");
    return uow.callouts().insert(callout).compose(ok -> uow.outbox().enqueue(m)).map(callout);
  }
}
