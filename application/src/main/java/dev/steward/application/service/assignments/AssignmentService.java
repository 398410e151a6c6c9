package dev.steward.application.service.assignments;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.assignments.AssignmentFilter;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who holds which access package, the overlaps separation of duties lists, and reprocessing. */
public final class AssignmentService extends ServiceBase implements ViewAssignmentsUseCase {
  private final DeliverAccessUseCase delivery;
  private final RequestSteps steps;

  public AssignmentService(Essentials essentials, DeliverAccessUseCase delivery) {
    super(essentials);
    this.delivery = delivery;
    this.steps = new RequestSteps(essentials);
  }

  @Override
  public Future<Page<Assignment>> list(
      RequestContext ctx, AssignmentFilter filter, String afterId, int limit) {
    return transactions.read(
        uow ->
            steps
                .viewable(ctx, uow)
                .map(viewable -> narrowed(viewable, filter.catalog()))
                .compose(
                    catalogs ->
                        catalogs.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(List.<Assignment>of())
                            : uow.assignments()
                                .list(
                                    new Assignments.Query(
                                        catalogs,
                                        filter.accessPackage(),
                                        filter.target(),
                                        filter.states(),
                                        filter.policy(),
                                        afterId,
                                        limit + 1)))
                .map(found -> Page.of(found, limit, a -> a.id().value())));
  }

  @Override
  public Future<Long> count(RequestContext ctx, AssignmentFilter filter) {
    return transactions.read(
        uow ->
            steps
                .viewable(ctx, uow)
                .map(viewable -> narrowed(viewable, filter.catalog()))
                .compose(
                    catalogs ->
                        catalogs.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(0L)
                            : uow.assignments()
                                .count(
                                    new Assignments.Query(
                                        catalogs,
                                        filter.accessPackage(),
                                        filter.target(),
                                        filter.states(),
                                        filter.policy(),
                                        null,
                                        0))));
  }

  /** The viewable catalogs, narrowed to the one a filter names (none when it is not viewable). */
  private static Optional<Set<CatalogId>> narrowed(
      Optional<Set<CatalogId>> viewable, Optional<CatalogId> catalog) {
    if (catalog.isEmpty()) {
      return viewable;
    }
    boolean visible = viewable.map(v -> v.contains(catalog.get())).orElse(true);
    return Optional.of(visible ? Set.of(catalog.get()) : Set.of());
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
                                .compose(ok -> uow.requests().failedFor(id))
                                .map(failed -> java.util.Map.entry(a, failed.map(r -> r.id())))))
        .compose(
            found -> {
              // The request whose delivery failed is finished with its assignment.
              Assignment a = found.getKey();
              Optional<dev.steward.domain.RequestId> request = found.getValue();
              return switch (a.state()) {
                case DELIVERY_FAILED, DELIVERED, DELIVERING -> delivery.deliver(ctx, id, request);
                case REMOVING -> delivery.remove(ctx, id, request, "assignment.removed");
                case EXPIRED -> Future.succeededFuture(a);
              };
            });
  }
}
