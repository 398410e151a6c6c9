package dev.steward.application.fakes;

import dev.steward.application.port.out.reviews.AccessReviews;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Access reviews in memory, in the in-memory store's copy-on-transaction state. */
final class InMemoryAccessReviews implements AccessReviews {
  /** The three tables, copied with the rest of the state. */
  static final class Tables {
    final TreeMap<String, AccessReviewDefinition> definitions = new TreeMap<>();
    final TreeMap<String, AccessReviewInstance> instances = new TreeMap<>();
    final TreeMap<String, AccessReviewDecision> decisions = new TreeMap<>();

    void putAll(Tables other) {
      definitions.putAll(other.definitions);
      instances.putAll(other.instances);
      decisions.putAll(other.decisions);
    }
  }

  private final Tables t;

  InMemoryAccessReviews(Tables t) {
    this.t = t;
  }

  @Override
  public Future<Void> insertDefinition(AccessReviewDefinition d) {
    if (t.definitions.containsKey(d.id())
        || (d.policyId().isPresent()
            && t.definitions.values().stream().anyMatch(x -> x.policyId().equals(d.policyId())))) {
      return Future.failedFuture(new IllegalStateException("duplicate definition"));
    }
    t.definitions.put(d.id(), d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> updateDefinition(AccessReviewDefinition d) {
    t.definitions.put(d.id(), d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> deleteDefinition(String id) {
    t.definitions.remove(id);
    t.instances.values().removeIf(i -> i.definitionId().equals(id));
    t.decisions.values().removeIf(d -> d.definitionId().equals(id));
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<AccessReviewDefinition>> findDefinition(String id, boolean lock) {
    return Future.succeededFuture(Optional.ofNullable(t.definitions.get(id)));
  }

  @Override
  public Future<Optional<AccessReviewDefinition>> definitionOfPolicy(PolicyId policy) {
    return Future.succeededFuture(
        t.definitions.values().stream()
            .filter(d -> d.policyId().equals(Optional.of(policy)))
            .findFirst());
  }

  @Override
  public Future<List<AccessReviewDefinition>> listDefinitions(
      Optional<Set<CatalogId>> catalogs,
      Optional<String> scopeContains,
      String afterId,
      int limit) {
    return Future.succeededFuture(
        t.definitions.values().stream()
            .filter(d -> catalogs.map(c -> c.contains(d.catalogId())).orElse(true))
            .filter(d -> scopeContains.map(s -> d.scopeQuery().contains(s)).orElse(true))
            .filter(d -> afterId == null || d.id().compareTo(afterId) > 0)
            .limit(limit)
            .toList());
  }

  @Override
  public Future<Void> insertInstance(AccessReviewInstance i) {
    boolean twice =
        t.instances.values().stream()
            .anyMatch(x -> x.definitionId().equals(i.definitionId()) && x.index() == i.index());
    if (twice) {
      return Future.failedFuture(new IllegalStateException("instance already started"));
    }
    t.instances.put(i.id(), i);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> updateInstance(AccessReviewInstance i) {
    t.instances.put(i.id(), i);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<AccessReviewInstance>> findInstance(String id, boolean lock) {
    return Future.succeededFuture(Optional.ofNullable(t.instances.get(id)));
  }

  @Override
  public Future<List<AccessReviewInstance>> instancesOf(String definitionId) {
    return Future.succeededFuture(
        t.instances.values().stream()
            .filter(i -> i.definitionId().equals(definitionId))
            .sorted(Comparator.comparingInt(AccessReviewInstance::index))
            .toList());
  }

  @Override
  public Future<List<AccessReviewInstance>> instancesWithReviewer(PrincipalId reviewer) {
    Set<String> ids =
        t.decisions.values().stream()
            .filter(d -> d.isReviewer(reviewer))
            .map(AccessReviewDecision::instanceId)
            .collect(java.util.stream.Collectors.toSet());
    return Future.succeededFuture(
        t.instances.values().stream()
            .filter(i -> ids.contains(i.id()))
            .sorted(Comparator.comparing(AccessReviewInstance::startDateTime).reversed())
            .toList());
  }

  @Override
  public Future<Void> insertDecisions(List<AccessReviewDecision> decisions) {
    decisions.forEach(d -> t.decisions.put(d.id(), d));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> updateDecision(AccessReviewDecision d) {
    t.decisions.put(d.id(), d);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<AccessReviewDecision>> findDecision(String id) {
    return Future.succeededFuture(Optional.ofNullable(t.decisions.get(id)));
  }

  @Override
  public Future<List<AccessReviewDecision>> decisionsOf(
      String instanceId, Optional<PrincipalId> reviewer, String afterId, int limit) {
    return Future.succeededFuture(
        t.decisions.values().stream()
            .filter(d -> d.instanceId().equals(instanceId))
            .filter(d -> reviewer.map(d::isReviewer).orElse(true))
            .filter(d -> afterId == null || d.id().compareTo(afterId) > 0)
            .limit(limit)
            .toList());
  }
}
