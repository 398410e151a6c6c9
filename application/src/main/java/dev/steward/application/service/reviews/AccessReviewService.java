package dev.steward.application.service.reviews;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.reviews.GroupReviewDraft;
import dev.steward.application.port.in.reviews.InstanceProgress;
import dev.steward.application.port.in.reviews.ManageAccessReviewsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.PolicyReviews;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.SubjectSet;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access review definitions and instances for those who govern catalogs. Seeing a review and its
 * progress takes the right to view the catalog's assignments (or being one of its reviewers);
 * stopping, applying and reminding take the right to manage policies (package reviews) or the
 * catalog's resources (group reviews); a group review is created only by those who manage the
 * resources of a catalog holding the group.
 */
public final class AccessReviewService extends ServiceBase implements ManageAccessReviewsUseCase {
  private final ReviewRunService runs;

  public AccessReviewService(Essentials essentials, ReviewRunService runs) {
    super(essentials);
    this.runs = runs;
  }

  static Task manageTask(AccessReviewDefinition d) {
    return d.kind() == AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS
        ? Task.MANAGE_POLICIES
        : Task.MANAGE_CATALOG_RESOURCES;
  }

  static DomainException notFound(String what, String id) {
    return DomainException.notFound(DomainException.Reason.RESOURCE_NOT_FOUND, what, id);
  }

  static Future<AccessReviewDefinition> definition(UnitOfWork uow, String id) {
    return uow.accessReviews()
        .findDefinition(id, false)
        .map(d -> d.orElseThrow(() -> notFound("Access review definition", id)));
  }

  /** The instance, checked to belong to the definition the path names. */
  static Future<AccessReviewInstance> instance(
      UnitOfWork uow, String definitionId, String instanceId, boolean lock) {
    return uow.accessReviews()
        .findInstance(instanceId, lock)
        .map(
            i ->
                i.filter(x -> x.definitionId().equals(definitionId))
                    .orElseThrow(() -> notFound("Access review instance", instanceId)));
  }

  @Override
  public Future<AccessReviewDefinition> createGroupReview(
      RequestContext ctx, GroupReviewDraft draft) {
    List<SubjectSet> named = new ArrayList<>(draft.reviewers());
    named.addAll(draft.fallbackReviewers());
    Future<Void> exist = Future.succeededFuture();
    for (SubjectSet s : named) {
      if (s.principal().isEmpty()) {
        continue;
      }
      PrincipalType wanted =
          s instanceof SubjectSet.SingleUser ? PrincipalType.USER : PrincipalType.GROUP;
      exist =
          exist.compose(
              ok ->
                  directory
                      .find(s.principal().get())
                      .map(
                          p -> {
                            if (p.filter(x -> x.type() == wanted).isEmpty()) {
                              throw DomainException.notFound(
                                  DomainException.Reason.PRINCIPAL_NOT_FOUND,
                                  wanted == PrincipalType.USER
                                      ? "Directory user"
                                      : "Directory group",
                                  s.principal().get().value());
                            }
                            return null;
                          }));
    }
    return exist.compose(
        ok ->
            transactions.inTransaction(
                uow ->
                    catalogHolding(ctx, uow, draft.group())
                        .compose(
                            catalog -> {
                              AccessReviewDefinition d =
                                  new AccessReviewDefinition(
                                      ids.newId(),
                                      AccessReviewDefinition.Kind.GROUP_MEMBERS,
                                      draft.displayName(),
                                      draft.descriptionForAdmins(),
                                      draft.descriptionForReviewers(),
                                      catalog,
                                      Optional.empty(),
                                      draft.group().value(),
                                      draft.reviewers(),
                                      draft.fallbackReviewers(),
                                      false,
                                      draft.justificationRequired(),
                                      draft.recommendationsEnabled(),
                                      draft.behaviour(),
                                      draft.autoApply(),
                                      schedule(draft),
                                      ctx.actor().userId(),
                                      clock.now(),
                                      clock.now(),
                                      0);
                              return uow.accessReviews()
                                  .insertDefinition(d)
                                  .compose(
                                      done ->
                                          uow.scheduledWork()
                                              .schedule(
                                                  ScheduledWork.Kind.REVIEW_START,
                                                  d.id(),
                                                  d.schedule().start()))
                                  .compose(
                                      done ->
                                          audited(
                                              ctx,
                                              uow,
                                              "accessReview.definitionCreate",
                                              "accessReviewScheduleDefinition",
                                              d.id(),
                                              null,
                                              PolicyReviews.snapshot(d)))
                                  .map(d);
                            })));
  }

  /**
   * The catalog in which the caller manages resources and that holds the group as a resource; 403
   * when the group is a resource only of catalogs the caller does not manage, 400 when of none.
   */
  private Future<CatalogId> catalogHolding(RequestContext ctx, UnitOfWork uow, PrincipalId group) {
    return access
        .catalogsAllowing(ctx.actor(), uow.roleAssignments(), Task.MANAGE_CATALOG_RESOURCES)
        .compose(
            allowed ->
                uow.catalogs()
                    .list(Optional.empty(), null, 10_000)
                    .compose(
                        catalogs -> {
                          Future<List<CatalogId>> holding =
                              Future.succeededFuture(new ArrayList<>());
                          for (dev.steward.domain.Catalog c : catalogs) {
                            holding =
                                holding.compose(
                                    list ->
                                        uow.resources()
                                            .findByOrigin(c.id(), group)
                                            .map(
                                                r -> {
                                                  r.map(CatalogResource::catalogId)
                                                      .ifPresent(list::add);
                                                  return list;
                                                }));
                          }
                          return holding.map(
                              list -> {
                                if (list.isEmpty()) {
                                  throw DomainException.invalid(
                                      "scope.query",
                                      "the group is not a resource of any catalog; add it to a"
                                          + " catalog first");
                                }
                                return list.stream()
                                    .filter(c -> allowed.map(a -> a.contains(c)).orElse(true))
                                    .findFirst()
                                    .orElseThrow(
                                        () ->
                                            new DomainException(
                                                DomainException.Reason.NOT_AUTHORIZED,
                                                "Only those who manage the resources of a catalog"
                                                    + " holding the group may review its"
                                                    + " members"));
                              });
                        }));
  }

  private dev.steward.domain.ReviewSchedule schedule(GroupReviewDraft draft) {
    Map<String, Object> settings =
        draft.recurrence().isEmpty() ? Map.of() : Map.of("recurrence", draft.recurrence());
    return dev.steward.domain.ReviewSchedule.readDefinitionSchedule(
        new dev.steward.domain.ReviewSchedule.Fields("settings", settings),
        clock.now(),
        Optional.of(draft.instanceDurationInDays()));
  }

  @Override
  public Future<Page<AccessReviewDefinition>> listDefinitions(
      RequestContext ctx, Optional<String> scopeContains, String afterId, int limit) {
    return transactions.read(
        uow ->
            access
                .catalogsAllowing(
                    ctx.actor(), uow.roleAssignments(), Task.VIEW_ASSIGNMENTS_AND_REQUESTS)
                .compose(
                    only ->
                        only.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(List.<AccessReviewDefinition>of())
                            : uow.accessReviews()
                                .listDefinitions(only, scopeContains, afterId, limit + 1))
                .map(found -> Page.of(found, limit, AccessReviewDefinition::id)));
  }

  @Override
  public Future<List<AccessReviewDefinition>> definitionsReviewedBy(RequestContext ctx) {
    return transactions.read(
        uow ->
            uow.accessReviews()
                .instancesWithReviewer(ctx.actor().userId())
                .compose(
                    instances -> {
                      Set<String> seen = new HashSet<>();
                      Future<List<AccessReviewDefinition>> all =
                          Future.succeededFuture(new ArrayList<>());
                      for (AccessReviewInstance i : instances) {
                        if (!seen.add(i.definitionId())) {
                          continue;
                        }
                        all =
                            all.compose(
                                list ->
                                    uow.accessReviews()
                                        .findDefinition(i.definitionId(), false)
                                        .map(
                                            d -> {
                                              d.ifPresent(list::add);
                                              return list;
                                            }));
                      }
                      return all;
                    }));
  }

  /** Allows those who may view the catalog's assignments, or reviewers of {@code instanceIds}. */
  private Future<Void> mayView(
      RequestContext ctx, UnitOfWork uow, AccessReviewDefinition d, Optional<String> instanceId) {
    return access
        .heldRoles(ctx.actor(), uow.roleAssignments())
        .compose(
            held -> {
              if (dev.steward.domain.PermissionMatrix.decide(
                      Task.VIEW_ASSIGNMENTS_AND_REQUESTS, d.scope(), held)
                  .allowed()) {
                return Future.succeededFuture();
              }
              return uow.accessReviews()
                  .instancesWithReviewer(ctx.actor().userId())
                  .map(
                      mine -> {
                        boolean reviewer =
                            mine.stream()
                                .anyMatch(
                                    i ->
                                        i.definitionId().equals(d.id())
                                            && instanceId.map(x -> x.equals(i.id())).orElse(true));
                        if (!reviewer) {
                          throw new DomainException(
                              DomainException.Reason.NOT_AUTHORIZED,
                              "Only the catalog's governors and this review's reviewers may see it");
                        }
                        return null;
                      });
            });
  }

  @Override
  public Future<AccessReviewDefinition> getDefinition(RequestContext ctx, String id) {
    return transactions.read(
        uow -> definition(uow, id).compose(d -> mayView(ctx, uow, d, Optional.empty()).map(d)));
  }

  @Override
  public Future<Void> deleteDefinition(RequestContext ctx, String id) {
    return transactions.inTransaction(
        uow ->
            definition(uow, id)
                .compose(
                    d -> {
                      if (d.policyId().isPresent()) {
                        throw DomainException.invalid(
                            "id",
                            "this review follows its policy's reviewSettings; turn them off there");
                      }
                      return access
                          .require(ctx.actor(), uow.roleAssignments(), manageTask(d), d.scope())
                          .compose(ok -> uow.accessReviews().instancesOf(d.id()))
                          .compose(
                              instances -> {
                                Future<Void> all =
                                    uow.scheduledWork()
                                        .cancel(ScheduledWork.Kind.REVIEW_START, d.id());
                                for (AccessReviewInstance i : instances) {
                                  all =
                                      all.compose(
                                              ok ->
                                                  uow.scheduledWork()
                                                      .cancel(
                                                          ScheduledWork.Kind.REVIEW_END, i.id()))
                                          .compose(
                                              ok ->
                                                  uow.scheduledWork()
                                                      .cancel(
                                                          ScheduledWork.Kind.REVIEW_REMINDER,
                                                          i.id()));
                                }
                                return all;
                              })
                          .compose(ok -> uow.accessReviews().deleteDefinition(d.id()))
                          .compose(
                              ok ->
                                  audited(
                                      ctx,
                                      uow,
                                      "accessReview.definitionDelete",
                                      "accessReviewScheduleDefinition",
                                      d.id(),
                                      PolicyReviews.snapshot(d),
                                      null));
                    }));
  }

  private static Future<InstanceProgress> progress(
      UnitOfWork uow, AccessReviewDefinition d, AccessReviewInstance i) {
    return uow.accessReviews()
        .decisionsOf(i.id(), Optional.empty(), null, ReviewRunService.MAX_ITEMS)
        .map(
            all -> {
              Map<String, Integer> counts = new LinkedHashMap<>();
              for (AccessReviewDecision.Verdict v : AccessReviewDecision.Verdict.values()) {
                counts.put(v.apiName(), 0);
              }
              all.forEach(x -> counts.merge(x.decision().apiName(), 1, Integer::sum));
              return new InstanceProgress(i, d, counts);
            });
  }

  @Override
  public Future<List<InstanceProgress>> instances(RequestContext ctx, String definitionId) {
    return transactions.read(
        uow ->
            definition(uow, definitionId)
                .compose(
                    d ->
                        access
                            .heldRoles(ctx.actor(), uow.roleAssignments())
                            .compose(
                                held -> {
                                  boolean governor =
                                      dev.steward.domain.PermissionMatrix.decide(
                                              Task.VIEW_ASSIGNMENTS_AND_REQUESTS, d.scope(), held)
                                          .allowed();
                                  return (governor
                                          ? uow.accessReviews().instancesOf(d.id())
                                          : uow.accessReviews()
                                              .instancesWithReviewer(ctx.actor().userId())
                                              .map(
                                                  mine ->
                                                      mine.stream()
                                                          .filter(
                                                              i -> i.definitionId().equals(d.id()))
                                                          .toList()))
                                      .compose(
                                          list -> {
                                            if (!governor && list.isEmpty()) {
                                              throw new DomainException(
                                                  DomainException.Reason.NOT_AUTHORIZED,
                                                  "Only the catalog's governors and this review's"
                                                      + " reviewers may see it");
                                            }
                                            Future<List<InstanceProgress>> all =
                                                Future.succeededFuture(new ArrayList<>());
                                            for (AccessReviewInstance i : list) {
                                              all =
                                                  all.compose(
                                                      out ->
                                                          progress(uow, d, i)
                                                              .map(
                                                                  p -> {
                                                                    out.add(p);
                                                                    return out;
                                                                  }));
                                            }
                                            return all;
                                          });
                                })));
  }

  @Override
  public Future<InstanceProgress> instance(
      RequestContext ctx, String definitionId, String instanceId) {
    return transactions.read(
        uow ->
            definition(uow, definitionId)
                .compose(
                    d ->
                        instance(uow, definitionId, instanceId, false)
                            .compose(
                                i ->
                                    mayView(ctx, uow, d, Optional.of(i.id()))
                                        .compose(ok -> progress(uow, d, i)))));
  }

  /** The definition and instance, once the caller is allowed to govern them. */
  private Future<AccessReviewInstance> governed(
      RequestContext ctx, UnitOfWork uow, String definitionId, String instanceId, boolean lock) {
    return definition(uow, definitionId)
        .compose(
            d ->
                access
                    .require(ctx.actor(), uow.roleAssignments(), manageTask(d), d.scope())
                    .compose(ok -> instance(uow, definitionId, instanceId, lock)));
  }

  /**
   * How long a request's own application has before the due work recorded with it does the same:
   * the scheduler's lease, so the two never apply at once.
   */
  static final java.time.Duration SAFETY_NET = java.time.Duration.ofMinutes(2);

  /**
   * Ends a running instance now. The end is recorded as due work in the same transaction, a lease
   * ahead; when the review applies automatically, this request then applies it and settles that
   * item, so the caller sees the result at once and a crash part-way leaves the scheduler to
   * finish.
   */
  @Override
  public Future<Void> stop(RequestContext ctx, String definitionId, String instanceId) {
    return transactions
        .inTransaction(
            uow ->
                definition(uow, definitionId)
                    .compose(
                        d ->
                            governed(ctx, uow, definitionId, instanceId, true)
                                .compose(
                                    i -> {
                                      i.requireInProgress();
                                      return runs.completeIn(ctx, uow, i)
                                          .compose(
                                              done ->
                                                  uow.scheduledWork()
                                                      .schedule(
                                                          ScheduledWork.Kind.REVIEW_END,
                                                          done.id(),
                                                          clock.now().plus(SAFETY_NET)))
                                          .map(d.autoApply());
                                    })))
        .compose(
            autoApply ->
                autoApply
                    ? runs.apply(ctx, instanceId)
                        .compose(
                            ok ->
                                transactions.inTransaction(
                                    uow ->
                                        uow.scheduledWork()
                                            .cancel(ScheduledWork.Kind.REVIEW_END, instanceId)))
                    : Future.succeededFuture());
  }

  /**
   * Applies a completed instance's decisions (again: only what has not been applied). The request
   * is recorded as due work with its audit record, a lease ahead, and then carried out here; a
   * crash part-way leaves the scheduler to finish it.
   */
  @Override
  public Future<Void> applyDecisions(RequestContext ctx, String definitionId, String instanceId) {
    return transactions
        .inTransaction(
            uow ->
                governed(ctx, uow, definitionId, instanceId, true)
                    .compose(
                        i -> {
                          if (i.inProgress()
                              || i.status() == AccessReviewInstance.Status.NOT_STARTED) {
                            throw DomainException.invalid(
                                "status",
                                "decisions are applied once the instance has ended; stop it first");
                          }
                          return uow.scheduledWork()
                              .schedule(
                                  ScheduledWork.Kind.REVIEW_APPLY,
                                  i.id(),
                                  clock.now().plus(SAFETY_NET))
                              .compose(
                                  ok ->
                                      audited(
                                          ctx,
                                          uow,
                                          "accessReview.applyRequested",
                                          "accessReviewInstance",
                                          i.id(),
                                          null,
                                          ReviewSnapshots.of(i, -1)));
                        }))
        .compose(ok -> runs.apply(ctx, instanceId))
        .compose(
            ok ->
                transactions.inTransaction(
                    uow ->
                        uow.scheduledWork().cancel(ScheduledWork.Kind.REVIEW_APPLY, instanceId)));
  }

  @Override
  public Future<Void> sendReminder(RequestContext ctx, String definitionId, String instanceId) {
    return transactions.inTransaction(
        uow ->
            governed(ctx, uow, definitionId, instanceId, false)
                .compose(
                    i -> {
                      i.requireInProgress();
                      return runs.remindIn(uow, i)
                          .compose(
                              ok ->
                                  audited(
                                      ctx,
                                      uow,
                                      "accessReview.reminderSent",
                                      "accessReviewInstance",
                                      i.id(),
                                      null,
                                      ReviewSnapshots.of(i, -1)));
                    }));
  }
}
