package dev.steward.application.service.reviews;

import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who reviews one user's access: the definition's reviewers (single users, members of groups, the
 * user's manager) or, when none of them is left, its fallback reviewers. Nobody reviews their own
 * access unless the review is a self-review, when the user alone reviews it. Group members are read
 * once per instance.
 */
final class Reviewers {
  static final int MAX_GROUP_REVIEWERS = 1000;

  private final Directory directory;
  private final Map<PrincipalId, Future<List<Principal>>> groups = new HashMap<>();

  Reviewers(Directory directory) {
    this.directory = directory;
  }

  Future<Set<PrincipalId>> of(AccessReviewDefinition d, PrincipalId user) {
    if (d.selfReview()) {
      return Future.succeededFuture(Set.of(user));
    }
    return resolve(d.reviewers(), user)
        .compose(
            primary -> {
              primary.remove(user);
              if (!primary.isEmpty()) {
                return Future.succeededFuture(Set.copyOf(primary));
              }
              return resolve(d.fallbackReviewers(), user)
                  .map(
                      fallback -> {
                        fallback.remove(user);
                        return Set.copyOf(fallback);
                      });
            });
  }

  private Future<Set<PrincipalId>> resolve(List<SubjectSet> sets, PrincipalId user) {
    Future<Set<PrincipalId>> all = Future.succeededFuture(new LinkedHashSet<>());
    for (SubjectSet s : sets) {
      all = all.compose(found -> one(s, user).map(more -> add(found, more)));
    }
    return all;
  }

  private static Set<PrincipalId> add(Set<PrincipalId> into, Set<PrincipalId> more) {
    into.addAll(more);
    return into;
  }

  private Future<Set<PrincipalId>> one(SubjectSet s, PrincipalId user) {
    if (s instanceof SubjectSet.SingleUser u) {
      return directory
          .find(u.userId())
          .map(p -> p.filter(Principal::isUser).map(x -> Set.of(x.id())).orElse(Set.of()));
    }
    if (s instanceof SubjectSet.GroupMembers g) {
      return groups
          .computeIfAbsent(g.groupId(), id -> directory.membersOf(id, MAX_GROUP_REVIEWERS))
          .map(
              members -> {
                Set<PrincipalId> ids = new LinkedHashSet<>();
                members.stream().filter(Principal::isUser).forEach(p -> ids.add(p.id()));
                return ids;
              });
    }
    SubjectSet.RequestorManager m = (SubjectSet.RequestorManager) s;
    Future<Optional<PrincipalId>> manager = directory.managerOf(user);
    if (m.managerLevel() == 2) {
      manager =
          manager.compose(
              first ->
                  first.isEmpty()
                      ? Future.succeededFuture(Optional.<PrincipalId>empty())
                      : directory.managerOf(first.get()));
    }
    return manager.map(found -> found.map(Set::of).orElse(Set.of()));
  }
}
