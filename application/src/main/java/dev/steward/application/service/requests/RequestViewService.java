package dev.steward.application.service.requests;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.requests.RequestFilter;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.RequestSteps;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Following requests: one request, the caller's own, and those of the catalogs they may view. */
public final class RequestViewService extends ServiceBase implements ViewRequestsUseCase {
  private final RequestSteps steps;

  public RequestViewService(Essentials essentials) {
    super(essentials);
    this.steps = new RequestSteps(essentials);
  }

  @Override
  public Future<AssignmentRequest> get(RequestContext ctx, RequestId id) {
    return steps.readable(ctx, id);
  }

  @Override
  public Future<Page<AssignmentRequest>> list(
      RequestContext ctx, RequestFilter filter, String afterId, int limit) {
    return transactions.read(
        uow ->
            steps
                .viewable(ctx, uow)
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
                                        filter,
                                        afterId,
                                        limit + 1)))
                .map(found -> Page.of(found, limit, r -> r.id().value())));
  }

  @Override
  public Future<Long> count(RequestContext ctx, RequestFilter filter) {
    return transactions.read(
        uow ->
            steps
                .viewable(ctx, uow)
                .compose(
                    catalogs ->
                        catalogs.map(Set::isEmpty).orElse(false)
                            ? Future.succeededFuture(0L)
                            : uow.requests()
                                .count(
                                    new AssignmentRequests.Query(
                                        catalogs,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        filter,
                                        null,
                                        0))));
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
}
