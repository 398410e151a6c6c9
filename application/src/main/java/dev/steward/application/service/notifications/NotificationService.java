package dev.steward.application.service.notifications;

import dev.steward.application.port.in.notifications.SendNotificationsUseCase;
import dev.steward.application.port.out.notifications.Mailer;
import dev.steward.application.port.out.notifications.Outbox;
import dev.steward.application.port.out.notifications.OutboxMessage;
import dev.steward.application.port.out.notifications.OutgoingMail;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the mails the outbox holds. Rows are claimed with a lease, so instances sharing a database
 * never send one twice while both live; a mail the server did not take is tried again with a
 * growing pause, and after {@link #MAX_ATTEMPTS} tries it is parked — kept and counted, not
 * dropped. A mail goes out at least once; its Message-ID, the row's id, is the same every time.
 */
public final class NotificationService extends ServiceBase implements SendNotificationsUseCase {
  static final Duration LEASE = Duration.ofMinutes(2);
  static final int BATCH = 50;

  /** Ten tries, 30 s apart at first and doubling up to an hour: about four hours in all. */
  public static final int MAX_ATTEMPTS = 10;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Mailer mailer;
  private final String portalUrl;
  private final dev.steward.application.port.out.Telemetry telemetry;

  /**
   * @param portalUrl the base of every link in a mail, e.g. {@code
   *     https://steward.example.org/portal/}
   */
  public NotificationService(Essentials essentials, Mailer mailer, String portalUrl) {
    super(essentials);
    this.mailer = mailer;
    this.portalUrl = portalUrl.endsWith("/") ? portalUrl : portalUrl + "/";
    this.telemetry = essentials.access().telemetry();
  }

  @Override
  public Future<Outcome> sendDue() {
    Instant now = clock.now();
    return transactions
        .inTransaction(uow -> uow.outbox().claim(OutboxMessage.MAIL, now, now.plus(LEASE), BATCH))
        .compose(
            claimed -> {
              Future<Outcome> all = Future.succeededFuture(new Outcome(0, 0, 0));
              for (OutboxMessage m : claimed) {
                all = all.compose(o -> sendOne(m).map(r -> add(o, r)));
              }
              return all;
            });
  }

  @Override
  public Future<Outbox.Stats> stats() {
    return transactions.read(uow -> uow.outbox().stats(OutboxMessage.MAIL, clock.now()));
  }

  /** Sends one mail and records what became of it. */
  private Future<Result> sendOne(OutboxMessage m) {
    return directory
        .find(new PrincipalId(m.target()))
        .compose(
            recipient -> {
              Optional<Principal> to = recipient.filter(p -> !p.mail().isBlank());
              if (to.isEmpty()) {
                return settle(
                    m, Result.PARKED, "the recipient has no mail address in the directory");
              }
              return model(m, to.get())
                  .compose(
                      model ->
                          mailer.send(
                              new OutgoingMail(
                                  m.id(), to.get().mail(), name(to.get()), m.kind(), model)))
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
    telemetry.notification(OutboxMessage.MAIL, outcome.label());
    return transactions
        .inTransaction(
            uow ->
                switch (outcome) {
                  case SENT -> uow.outbox().done(m.id(), now);
                  case RETRIED ->
                      uow.outbox().retry(m.id(), now.plus(backoff(m.attempts())), error);
                  case PARKED -> uow.outbox().park(m.id(), now, error);
                })
        .map(outcome);
  }

  /** 30 s after the first try, doubling each time, never more than an hour. */
  public static Duration backoff(int attempts) {
    long seconds = 30L << Math.min(Math.max(attempts - 1, 0), 7);
    return Duration.ofSeconds(Math.min(seconds, 3600));
  }

  /** The values the mail shows: names read now, dates in words, links into the portal. */
  private Future<Map<String, String>> model(OutboxMessage m, Principal recipient) {
    Map<String, String> facts = m.payload();
    Future<String> requestor = nameOf(facts.get("requestorId"));
    Future<String> target = nameOf(facts.get("targetId"));
    Future<String> pkg = packageName(facts.get("packageId"));
    return requestor
        .compose(r -> target)
        .compose(t -> pkg)
        .map(
            all -> {
              Map<String, String> model = new LinkedHashMap<>();
              model.put("recipientName", name(recipient));
              model.put("requestorName", requestor.result());
              model.put("targetName", target.result());
              model.put("packageName", pkg.result());
              model.put("justification", facts.getOrDefault("justification", ""));
              model.put("answers", facts.getOrDefault("answers", ""));
              model.put("reason", facts.getOrDefault("reason", ""));
              model.put("stage", facts.getOrDefault("stage", ""));
              model.put("daysLeft", facts.getOrDefault("daysLeft", ""));
              model.put("dueDateTime", when(facts.get("dueDateTime")));
              model.put("endDateTime", when(facts.get("endDateTime")));
              boolean approver =
                  m.kind().equals("approvalRequired") || m.kind().equals("approvalEscalated");
              boolean reviewer = m.kind().startsWith("accessReview");
              model.put("reviewName", facts.getOrDefault("reviewName", ""));
              model.put(
                  "link",
                  portalUrl + (reviewer ? "#/reviews" : approver ? "#/approvals" : "#/my-access"));
              model.put(
                  "extendLink",
                  "true".equals(facts.get("extendable")) ? portalUrl + "#/my-access" : "");
              return model;
            });
  }

  private Future<String> nameOf(String principalId) {
    if (principalId == null || principalId.isEmpty()) {
      return Future.succeededFuture("");
    }
    return directory
        .find(new PrincipalId(principalId))
        .map(p -> p.map(NotificationService::name).orElse("a user no longer in the directory"));
  }

  private Future<String> packageName(String packageId) {
    if (packageId == null || packageId.isEmpty()) {
      return Future.succeededFuture("");
    }
    return transactions
        .read(uow -> uow.accessPackages().find(new AccessPackageId(packageId)))
        .map(p -> p.map(AccessPackage::displayName).orElse("a deleted access package"));
  }

  private static String name(Principal p) {
    return p.displayName().isBlank() ? p.login() : p.displayName();
  }

  private static String when(String instant) {
    return instant == null || instant.isEmpty() ? "" : WHEN.format(Instant.parse(instant));
  }

  /** What became of one mail. */
  private enum Result {
    SENT,
    RETRIED,
    PARKED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static Outcome add(Outcome o, Result r) {
    return new Outcome(
        o.sent() + (r == Result.SENT ? 1 : 0),
        o.retried() + (r == Result.RETRIED ? 1 : 0),
        o.parked() + (r == Result.PARKED ? 1 : 0));
  }
}
