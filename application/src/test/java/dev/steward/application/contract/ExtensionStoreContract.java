package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the stores of custom extensions and their calls must do, run against the in-memory fake and
 * against Postgres: round trips, listing by catalog, which extensions a policy attaches, a
 * request's calls in the order recorded, and the calls whose wait ran out.
 */
public abstract class ExtensionStoreContract {
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456Z");

  /** Transactions over stores that hold nothing yet. */
  protected abstract Transactions transactions();

  private Catalog catalog() {
    Catalog c =
        new Catalog(new CatalogId(Guid.random()), "C", "", Catalog.State.PUBLISHED, false, T0, T0);
    await(transactions().inTransaction(uow -> uow.catalogs().insert(c)));
    return c;
  }

  private static CustomExtension extension(Catalog c, Duration wait) {
    return new CustomExtension(
        Guid.random(),
        c.id(),
        CustomExtension.Kind.REQUEST_WORKFLOW,
        "Badge office",
        "issues badges",
        "https://hooks.example.org/steward/badges",
        wait,
        "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        "olivia",
        T0,
        "olivia",
        T0);
  }

  private CustomExtension saved(Catalog c, Duration wait) {
    CustomExtension x = extension(c, wait);
    await(transactions().inTransaction(uow -> uow.customExtensions().insert(x)));
    return x;
  }

  @Test
  void extensionsRoundTripListByCatalogInIdOrderChangeAndGo() {
    Catalog c = catalog();
    Catalog other = catalog();
    List<CustomExtension> mine =
        List.of(saved(c, Duration.ofHours(1)), saved(c, null), saved(c, null)).stream()
            .sorted(Comparator.comparing(CustomExtension::id))
            .toList();
    saved(other, null);
    assertEquals(
        mine.get(0),
        await(transactions().read(uow -> uow.customExtensions().find(mine.get(0).id())))
            .orElseThrow());
    assertEquals(
        mine.subList(0, 2),
        await(transactions().read(uow -> uow.customExtensions().list(c.id(), null, 2))));
    assertEquals(
        mine.subList(2, 3),
        await(
            transactions().read(uow -> uow.customExtensions().list(c.id(), mine.get(1).id(), 2))));

    CustomExtension x = mine.get(0);
    CustomExtension changed =
        new CustomExtension(
            x.id(),
            x.catalogId(),
            x.kind(),
            "Renamed",
            "",
            x.targetUrl() + "/v2",
            null,
            x.signingSecret(),
            x.createdBy(),
            x.createdDateTime(),
            "paul",
            T0.plusSeconds(60));
    await(transactions().inTransaction(uow -> uow.customExtensions().update(changed)));
    assertEquals(
        changed,
        await(transactions().read(uow -> uow.customExtensions().find(x.id()))).orElseThrow());
    await(transactions().inTransaction(uow -> uow.customExtensions().delete(x.id())));
    assertTrue(await(transactions().read(uow -> uow.customExtensions().find(x.id()))).isEmpty());
  }

  @Test
  void anExtensionIsAttachedWhileAPolicyNamesItAtAStage() {
    Catalog c = catalog();
    CustomExtension named = saved(c, null);
    CustomExtension unnamed = saved(c, null);
    AccessPackage p =
        new AccessPackage(new AccessPackageId(Guid.random()), c.id(), "P", "", false, T0, T0);
    AssignmentPolicy policy =
        new AssignmentPolicy(
            new PolicyId(Guid.random()),
            p.id(),
            c.id(),
            "With a hook",
            "",
            new AssignmentPolicy.Settings(
                AssignmentPolicy.TargetScope.NOT_SPECIFIED,
                List.of(),
                new AssignmentPolicy.RequestorSettings(
                    false, false, false, false, false, false, false),
                new AssignmentPolicy.ApprovalSettings(false, false, false, List.of()),
                AssignmentPolicy.Expiration.never(),
                AssignmentPolicy.ReviewSettings.none(),
                AssignmentPolicy.NotificationSettings.on(),
                List.of(
                    new CustomExtension.StageSetting(
                        CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, named.id()))),
            T0,
            T0);
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.accessPackages().insert(p).compose(ok -> uow.policies().insert(policy))));
    assertEquals(
        Boolean.TRUE,
        await(transactions().read(uow -> uow.customExtensions().attached(named.id()))));
    assertEquals(
        Boolean.FALSE,
        await(transactions().read(uow -> uow.customExtensions().attached(unnamed.id()))));
    assertEquals(
        policy.settings(),
        await(transactions().read(uow -> uow.policies().find(policy.id())))
            .orElseThrow()
            .settings());
  }

  private AssignmentRequest request(Catalog c) {
    AccessPackage p =
        new AccessPackage(new AccessPackageId(Guid.random()), c.id(), "P", "", false, T0, T0);
    PrincipalId target = new PrincipalId(Guid.random());
    AssignmentRequest r =
        new AssignmentRequest(
                new RequestId(Guid.random()),
                AssignmentRequest.Type.ADMIN_ADD,
                AssignmentRequest.State.SUBMITTED,
                p.id(),
                new PolicyId(Guid.random()),
                c.id(),
                target,
                target,
                null,
                "",
                null,
                List.of(),
                "",
                T0,
                null)
            .awaitingCustomExtension();
    await(
        transactions()
            .inTransaction(
                uow -> uow.accessPackages().insert(p).compose(ok -> uow.requests().insert(r))));
    return r;
  }

  private static Callout callout(
      AssignmentRequest r, CustomExtension x, CustomExtension.Stage stage, Instant timeout) {
    return new Callout(
        Guid.random(),
        r.id().value(),
        null,
        x.id(),
        stage,
        timeout == null ? Callout.Status.CALLOUT_PENDING : Callout.Status.WAITING_FOR_CALLBACK,
        timeout,
        "",
        T0,
        null,
        null);
  }

  @Test
  void aRequestsCallsComeBackInTheOrderRecordedWithWhatBecameOfThem() {
    Catalog c = catalog();
    CustomExtension x = saved(c, Duration.ofHours(1));
    AssignmentRequest r = request(c);
    AssignmentRequest other = request(c);
    Callout created =
        callout(r, x, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, T0.plusSeconds(3600));
    Callout granted = callout(r, x, CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, null);
    Callout elsewhere = callout(other, x, CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, null);
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.callouts()
                        .insert(created)
                        .compose(ok -> uow.callouts().insert(granted))
                        .compose(ok -> uow.callouts().insert(elsewhere))));
    assertEquals(
        List.of(created, granted),
        await(transactions().read(uow -> uow.callouts().forRequest(r.id().value()))));
    Callout answered =
        created.with(Callout.Status.CALLBACK_RECEIVED, "ticket SD-1", T0.plusSeconds(60));
    Callout sent = granted.sent(T0.plusSeconds(5));
    await(
        transactions()
            .inTransaction(
                uow -> uow.callouts().update(answered).compose(ok -> uow.callouts().update(sent))));
    assertEquals(
        List.of(answered, sent),
        await(transactions().read(uow -> uow.callouts().forRequest(r.id().value()))));
    assertEquals(Callout.Status.CALLOUT_SENT, sent.status());
    assertEquals(
        answered,
        await(transactions().inTransaction(uow -> uow.callouts().findForUpdate(created.id())))
            .orElseThrow());
  }

  @Test
  void onlyCallsStillWaitingPastTheirTimeAreClaimedAsTimedOut() {
    Catalog c = catalog();
    CustomExtension x = saved(c, Duration.ofHours(1));
    Callout due =
        callout(
            request(c), x, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, T0.plusSeconds(60));
    Callout later =
        callout(
            request(c), x, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, T0.plusSeconds(600));
    Callout answered =
        callout(request(c), x, CustomExtension.Stage.ASSIGNMENT_REQUEST_CREATED, T0.plusSeconds(30))
            .with(Callout.Status.CALLBACK_RECEIVED, "", T0.plusSeconds(10));
    Callout pending =
        callout(request(c), x, CustomExtension.Stage.ASSIGNMENT_REQUEST_GRANTED, null);
    for (Callout k : List.of(due, later, answered, pending)) {
      await(transactions().inTransaction(uow -> uow.callouts().insert(k)));
    }
    assertEquals(
        List.of(due),
        await(
            transactions()
                .inTransaction(uow -> uow.callouts().claimTimedOut(T0.plusSeconds(120), 10))));
    assertEquals(
        List.of(due, later).stream().map(Callout::id).sorted().toList(),
        await(
                transactions()
                    .inTransaction(uow -> uow.callouts().claimTimedOut(T0.plusSeconds(900), 10)))
            .stream()
            .map(Callout::id)
            .sorted()
            .toList());
  }

  @Test
  void aCallAboutAnAssignmentRoundTripsWithoutARequest() {
    Catalog c = catalog();
    CustomExtension x =
        new CustomExtension(
            Guid.random(),
            c.id(),
            CustomExtension.Kind.ASSIGNMENT_WORKFLOW,
            "Reminder",
            "",
            "https://hooks.example.org/steward/ending",
            null,
            "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            "olivia",
            T0,
            "olivia",
            T0);
    AccessPackage p =
        new AccessPackage(new AccessPackageId(Guid.random()), c.id(), "P", "", false, T0, T0);
    dev.steward.domain.Assignment a =
        new dev.steward.domain.Assignment(
            new dev.steward.domain.AssignmentId(Guid.random()),
            p.id(),
            new PolicyId(Guid.random()),
            c.id(),
            new PrincipalId(Guid.random()),
            dev.steward.domain.Assignment.State.DELIVERED,
            T0,
            T0.plus(Duration.ofDays(30)),
            null,
            null,
            T0,
            T0);
    Callout call =
        new Callout(
            Guid.random(),
            null,
            a.id().value(),
            x.id(),
            CustomExtension.Stage.ASSIGNMENT_FOURTEEN_DAYS_BEFORE_EXPIRATION,
            Callout.Status.CALLOUT_PENDING,
            null,
            "",
            T0,
            null,
            null);
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.customExtensions()
                        .insert(x)
                        .compose(ok -> uow.accessPackages().insert(p))
                        .compose(ok -> uow.assignments().insert(a))
                        .compose(ok -> uow.callouts().insert(call))));
    assertEquals(
        call, await(transactions().read(uow -> uow.callouts().find(call.id()))).orElseThrow());
  }
}
