package dev.steward.application.service.extensions;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.extensions.RunCustomExtensionsUseCase;
import dev.steward.application.port.out.Telemetry;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.extensions.OutgoingWebhook;
import dev.steward.application.port.out.extensions.WebhookSender;
import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.application.service.Audit;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the webhooks of custom extensions from the outbox's {@code webhook} channel, as the mail
 * sender sends mail: rows are claimed with a lease (FOR UPDATE SKIP LOCKED), a call the endpoint
 * did not answer with a 2xx is tried again after a pause that doubles, and after {@link
 * #MAX_ATTEMPTS} tries it is parked — kept, counted and shown on the request. Every try carries the
 * row's id as its {@code webhook-id}. The body is built at send time from the facts recorded with
 * the row and the names read now; the target is checked against the allow-list again, so an address
 * the operator has since removed is never called.
 */
public final class WebhookService extends ServiceBase implements RunCustomExtensionsUseCase {
  /** Longer than the longest wait the sender allows (300 s), with room to record the outcome. */
  static final Duration LEASE = Duration.ofMinutes(6);

  static final int BATCH = 50;

  /**
   * Twelve tries, 15 s apart at first and doubling up to 30 minutes: about two and a half hours in
   * all.
   */
  public static final int MAX_ATTEMPTS = 12;

  private final WebhookSender sender;
  private final WebhookTargets targets;
  private final Telemetry telemetry;

  public WebhookService(Essentials essentials, WebhookSender sender, WebhookTargets targets) {
    super(essentials);
    this.sender = sender;
    this.targets = targets;
    this.telemetry = essentials.access().telemetry();
  }

  /** 15 s after the first try, doubling each time, never more than 30 minutes. */
  public static Duration backoff(int attempts) {
    long seconds = 15L << Math.min(Math.max(attempts - 1, 0), 7);
    return Duration.ofSeconds(Math.min(seconds, 1800));
  }

  @Override
  public Future<Outcome> sendDue() {
    return sendNext(new Outcome(0, 0, 0), 0);
  }

  /**
   * Claims one due webhook at a time, leased for {@link #LEASE}: a call waits at most the sender's
   * bounded timeout (five minutes at most), so the lease outlasts it and no other instance sends
   * the same row while this one still may; a row of an instance that died comes back soon.
   */
  private Future<Outcome> sendNext(Outcome so, int done) {
    if (done >= BATCH) {
      return Future.succeededFuture(so);
    }
    Instant now = clock.now();
    return transactions
        .inTransaction(uow -> uow.outbox().claim(OutboxMessage.WEBHOOK, now, now.plus(LEASE), 1))
        .compose(
            claimed ->
                claimed.isEmpty()
                    ? Future.succeededFuture(so)
                    : sendOne(claimed.get(0)).compose(r -> sendNext(add(so, r), done + 1)));
  }

  @Override
  public Future<Outbox.Stats> stats() {
    return transactions.read(uow -> uow.outbox().stats(OutboxMessage.WEBHOOK, clock.now()));
  }

  private Future<Result> sendOne(OutboxMessage m) {
    return transactions
        .read(uow -> uow.customExtensions().find(m.target()))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return settle(m, Result.PARKED, "the custom extension was deleted");
              }
              CustomExtension x = found.get();
              Optional<String> url = targets.allowed(x.targetUrl());
              if (url.isEmpty()) {
                return settle(
                    m,
                    Result.PARKED,
                    "the target is no longer on the allow-list (STEWARD_WEBHOOK_ALLOWED_URLS)");
              }
              return payload(m)
                  .compose(
                      body ->
                          sender.send(
                              new OutgoingWebhook(m.id(), url.get(), x.signingSecret(), body)))
                  .compose(sent -> settle(m, Result.SENT, null));
            })
        .recover(
            failure ->
                settle(
                    m,
                    m.attempts() >= MAX_ATTEMPTS ? Result.PARKED : Result.RETRIED,
                    String.valueOf(failure.getMessage())));
  }

  private Future<Result> settle(OutboxMessage m, Result outcome, String error) {
    Instant now = clock.now();
    telemetry.notification(OutboxMessage.WEBHOOK, outcome.name().toLowerCase(Locale.ROOT));
    String calloutId = m.payload().get("calloutId");
    return transactions
        .inTransaction(
            uow ->
                (switch (outcome) {
                      case SENT -> uow.outbox().done(m.id(), now);
                      case RETRIED ->
                          uow.outbox().retry(m.id(), now.plus(backoff(m.attempts())), error);
                      case PARKED -> uow.outbox().park(m.id(), now, error);
                    })
                    .compose(ok -> recordOnCallout(uow, calloutId, outcome, error, now)))
        .map(outcome);
  }

  private static Future<Void> recordOnCallout(
      UnitOfWork uow, String calloutId, Result outcome, String error, Instant now) {
    if (calloutId == null || outcome == Result.RETRIED) {
      return Future.succeededFuture();
    }
    return uow.callouts()
        .findForUpdate(calloutId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture();
              }
              Callout c = found.get();
              Callout after =
                  outcome == Result.SENT
                      ? c.sent(now)
                      : c.status() == Callout.Status.WAITING_FOR_CALLBACK
                              || c.status() == Callout.Status.CALLOUT_PENDING
                          ? c.with(Callout.Status.CALLOUT_FAILED, error, now)
                          : c;
              return uow.callouts().update(after);
            });
  }

  /** The body Entra sends a Logic App: type, source, and the call's data. */
  private Future<Map<String, Object>> payload(OutboxMessage m) {
    Map<String, String> f = m.payload();
    String stage = m.kind();
    if (!f.containsKey("requestId")) {
      return assignmentPayload(stage, f);
    }
    Future<Map<String, Object>> requestor = subject(f.get("requestorId"));
    Future<Map<String, Object>> target = subject(f.get("targetId"));
    Future<Map<String, Object>> names = names(f);
    Future<Optional<Map<String, Object>>> approval =
        CustomExtension.Stage.ASSIGNMENT_REQUEST_APPROVED.apiName().equals(stage)
            ? approval(f.get("requestId")).map(Optional::of)
            : Future.succeededFuture(Optional.empty());
    return requestor
        .compose(r -> target)
        .compose(t -> names)
        .compose(n -> approval)
        .map(
            all -> {
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("@odata.type", "microsoft.graph.accessPackageAssignmentRequestCalloutData");
              data.put("stage", stage);
              data.put("customExtensionStageInstanceId", f.get("calloutId"));
              data.put("accessPackageAssignmentRequestId", f.get("requestId"));
              data.put("requestType", f.get("requestType"));
              data.put("state", f.get("state"));
              data.put("status", f.get("status"));
              String timeout = f.getOrDefault("timeoutDuration", "");
              if (!timeout.isEmpty()) {
                data.put(
                    "callbackUriPath",
                    "/identityGovernance/entitlementManagement/assignmentRequests/"
                        + f.get("requestId")
                        + "/resume");
                Map<String, Object> cb = new LinkedHashMap<>();
                cb.put("@odata.type", "microsoft.graph.customExtensionCallbackConfiguration");
                cb.put("timeoutDuration", timeout);
                data.put("callbackConfiguration", cb);
              }
              Map<String, Object> request = new LinkedHashMap<>();
              request.put("id", f.get("requestId"));
              request.put("requestType", f.get("requestType"));
              request.put("state", f.get("state"));
              request.put("status", f.get("status"));
              request.put("justification", f.get("justification"));
              request.put("createdDateTime", f.get("createdDateTime"));
              data.put("assignmentRequest", request);
              data.putAll(names.result());
              data.put("requestor", requestor.result());
              Map<String, Object> assignment = new LinkedHashMap<>();
              String assignmentId = f.getOrDefault("assignmentId", "");
              assignment.put("id", assignmentId.isEmpty() ? null : assignmentId);
              assignment.put("target", target.result());
              data.put("assignment", assignment);
              approval.result().ifPresent(a -> data.put("approval", a));
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("type", "microsoft.graph.accessPackageCustomExtensionStage." + stage);
              body.put(
                  "source",
                  "/IdentityGovernance/EntitlementManagement/AccessPackageCatalog/"
                      + f.get("catalogId"));
              body.put("data", data);
              return body;
            });
  }

  /**
   * The request's approval as Graph's approval resource shows it (id, stages with each one's
   * result, reviewer, reason and time), read at send time: once approved it no longer changes. A
   * request that needed no approval has no stages.
   */
  private Future<Map<String, Object>> approval(String requestId) {
    return transactions
        .read(uow -> uow.requests().find(new RequestId(requestId)))
        .compose(
            found -> {
              List<AssignmentRequest.Stage> stages =
                  found.map(AssignmentRequest::stages).orElse(List.of());
              List<Map<String, Object>> shown = new ArrayList<>();
              Future<Void> all = Future.succeededFuture();
              for (AssignmentRequest.Stage s : stages) {
                all =
                    all.compose(
                        ok ->
                            (s.reviewedBy() == null
                                    ? Future.succeededFuture(
                                        Optional.<dev.steward.domain.Principal>empty())
                                    : directory.find(s.reviewedBy()))
                                .map(
                                    reviewer -> {
                                      Map<String, Object> m = new LinkedHashMap<>();
                                      m.put("id", s.id());
                                      m.put("displayName", "Stage " + s.id());
                                      m.put("status", s.completed() ? "Completed" : "NotStarted");
                                      m.put("reviewResult", s.review().apiName());
                                      m.put("justification", s.reviewJustification());
                                      if (s.reviewedBy() == null) {
                                        m.put("reviewedBy", null);
                                      } else {
                                        Map<String, Object> by = new LinkedHashMap<>();
                                        by.put("id", s.reviewedBy().value());
                                        by.put(
                                            "displayName",
                                            reviewer.map(p -> p.displayName()).orElse(""));
                                        m.put("reviewedBy", by);
                                      }
                                      m.put(
                                          "reviewedDateTime",
                                          s.reviewedDateTime() == null
                                              ? null
                                              : s.reviewedDateTime().toString());
                                      shown.add(m);
                                      return null;
                                    }));
              }
              return all.map(
                  ok -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("id", requestId);
                    a.put("stages", shown);
                    return a;
                  });
            });
  }

  /** The package and the catalog, by id and as they are named now. */
  private Future<Map<String, Object>> names(Map<String, String> f) {
    return transactions.read(
        uow ->
            uow.accessPackages()
                .find(new AccessPackageId(f.get("packageId")))
                .compose(
                    pkg ->
                        uow.catalogs()
                            .find(new CatalogId(f.get("catalogId")))
                            .map(
                                cat -> {
                                  Map<String, Object> n = new LinkedHashMap<>();
                                  n.put(
                                      "accessPackage",
                                      named(
                                          f.get("packageId"),
                                          pkg.map(p -> p.displayName()).orElse(""),
                                          pkg.map(p -> p.description()).orElse("")));
                                  n.put(
                                      "accessPackageCatalog",
                                      named(
                                          f.get("catalogId"),
                                          cat.map(c -> c.displayName()).orElse(""),
                                          cat.map(c -> c.description()).orElse("")));
                                  return n;
                                })));
  }

  /** The body of a call at an expiry stage: the assignment, its end, its package and catalog. */
  private Future<Map<String, Object>> assignmentPayload(String stage, Map<String, String> f) {
    Future<Map<String, Object>> target = subject(f.get("targetId"));
    Future<Map<String, Object>> names = names(f);
    return target
        .compose(t -> names)
        .map(
            all -> {
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("@odata.type", "microsoft.graph.accessPackageAssignmentCalloutData");
              data.put("stage", stage);
              data.put("customExtensionStageInstanceId", f.get("calloutId"));
              Map<String, Object> assignment = new LinkedHashMap<>();
              assignment.put("id", f.get("assignmentId"));
              assignment.put("state", f.get("assignmentState"));
              String end = f.getOrDefault("endDateTime", "");
              assignment.put(
                  "schedule",
                  Map.of(
                      "expiration",
                      end.isEmpty()
                          ? Map.of("type", "noExpiration")
                          : Map.of("type", "afterDateTime", "endDateTime", end)));
              assignment.put("target", target.result());
              data.put("assignment", assignment);
              data.putAll(names.result());
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("type", "microsoft.graph.accessPackageCustomExtensionStage." + stage);
              body.put(
                  "source",
                  "/IdentityGovernance/EntitlementManagement/AccessPackageCatalog/"
                      + f.get("catalogId"));
              body.put("data", data);
              return body;
            });
  }

  private static Map<String, Object> named(String id, String displayName, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("displayName", displayName);
    m.put("description", description);
    return m;
  }

  /** Graph's accessPackageSubject of a user, as the directory names it now. */
  private Future<Map<String, Object>> subject(String principalId) {
    return directory
        .find(new PrincipalId(principalId))
        .map(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", principalId);
              m.put("objectId", principalId);
              m.put("displayName", p.map(x -> x.displayName()).orElse(""));
              m.put("email", p.map(x -> x.mail()).orElse(""));
              m.put("principalName", p.map(x -> x.userPrincipalName()).orElse(""));
              return m;
            });
  }

  @Override
  public Future<Integer> timeOutWaiting() {
    Instant now = clock.now();
    return transactions.inTransaction(
        uow ->
            uow.callouts()
                .claimTimedOut(now, 50)
                .compose(
                    due -> {
                      Future<Integer> all = Future.succeededFuture(0);
                      for (Callout c : due) {
                        all = all.compose(n -> timeOut(uow, c, now).map(n + 1));
                      }
                      return all;
                    }));
  }

  /** The call was not answered in time: it is marked so, and its held request ends failed. */
  private Future<Void> timeOut(UnitOfWork uow, Callout c, Instant now) {
    return uow.callouts()
        .update(
            c.with(
                Callout.Status.CALLBACK_TIMED_OUT,
                "No answer before " + c.timeoutAt() + " (" + c.stage().apiName() + ")",
                now))
        .compose(ok -> uow.requests().findForUpdate(new RequestId(c.requestId())))
        .compose(
            found -> {
              Optional<AssignmentRequest> held =
                  found.filter(AssignmentRequest::isAwaitingCustomExtension);
              if (held.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              AssignmentRequest failed = held.get().customExtensionTimedOut(now);
              telemetry.requestSettled(failed.type(), failed.state());
              return uow.requests()
                  .update(failed)
                  .compose(
                      ok ->
                          audited(
                              RequestContext.SYSTEM,
                              uow,
                              "request.customExtensionTimedOut",
                              "assignmentRequest",
                              failed.id().value(),
                              Audit.snapshot(held.get()),
                              Audit.snapshot(failed)));
            });
  }

  /** What became of one webhook. */
  private enum Result {
    SENT,
    RETRIED,
    PARKED
  }

  private static Outcome add(Outcome o, Result r) {
    return new Outcome(
        o.sent() + (r == Result.SENT ? 1 : 0),
        o.retried() + (r == Result.RETRIED ? 1 : 0),
        o.parked() + (r == Result.PARKED ? 1 : 0));
  }
}
