package dev.steward.application.fakes;

import dev.steward.application.port.out.extensions.Callout;
import dev.steward.application.port.out.extensions.Callouts;
import dev.steward.application.port.out.extensions.CustomExtensions;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Custom extensions and their calls in memory, living in the store's state. */
final class InMemoryExtensions {
  private InMemoryExtensions() {}

  record Extensions(TreeMap<String, CustomExtension> rows, Collection<AssignmentPolicy> policies)
      implements CustomExtensions {
    @Override
    public Future<Void> insert(CustomExtension x) {
      rows.put(x.id(), x);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> update(CustomExtension x) {
      rows.put(x.id(), x);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(String id) {
      rows.remove(id);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<CustomExtension>> find(String id) {
      return Future.succeededFuture(Optional.ofNullable(rows.get(id)));
    }

    @Override
    public Future<List<CustomExtension>> list(CatalogId catalog, String afterId, int limit) {
      return Future.succeededFuture(
          rows.values().stream()
              .filter(x -> x.catalogId().equals(catalog))
              .filter(x -> afterId == null || x.id().compareTo(afterId) > 0)
              .limit(limit)
              .toList());
    }

    @Override
    public Future<Boolean> attached(String id) {
      return Future.succeededFuture(
          policies.stream()
              .flatMap(p -> p.settings().customExtensionStageSettings().stream())
              .anyMatch(s -> s.customExtensionId().equals(id)));
    }
  }

  record Calls(Map<String, Callout> rows) implements Callouts {
    @Override
    public Future<Void> insert(Callout c) {
      rows.put(c.id(), c);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> update(Callout c) {
      rows.put(c.id(), c);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Callout>> find(String id) {
      return Future.succeededFuture(Optional.ofNullable(rows.get(id)));
    }

    @Override
    public Future<Optional<Callout>> findForUpdate(String id) {
      return find(id);
    }

    @Override
    public Future<List<Callout>> forRequest(String requestId) {
      return Future.succeededFuture(
          rows.values().stream()
              .filter(c -> requestId.equals(c.requestId()))
              .sorted(Comparator.comparing(Callout::createdAt))
              .toList());
    }

    @Override
    public Future<List<Callout>> claimTimedOut(Instant now, int limit) {
      return Future.succeededFuture(
          rows.values().stream()
              .filter(c -> c.waiting() && !c.timeoutAt().isAfter(now))
              .limit(limit)
              .toList());
    }
  }
}
