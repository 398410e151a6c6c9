package dev.steward.application.fakes;

import dev.steward.application.port.in.RoleAssignmentQuery;
import dev.steward.application.port.out.AccessPackages;
import dev.steward.application.port.out.AuditRecord;
import dev.steward.application.port.out.AuditTrail;
import dev.steward.application.port.out.Catalogs;
import dev.steward.application.port.out.RoleAssignments;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every store port in memory, with transactions that really roll back: work runs on a copy that
 * replaces the state only when it succeeds. Transactions are serialised by a lock.
 */
public final class InMemoryStore implements Transactions {
  private State state = new State();

  /** A fake-only hook: access packages per catalog, until packages have their own port. */
  public synchronized void setAccessPackageCount(CatalogId catalog, long count) {
    state.packages.put(catalog, count);
  }

  public synchronized List<AuditRecord> auditRecords() {
    return List.copyOf(state.audit);
  }

  public synchronized List<RoleAssignment> roleAssignments() {
    return List.copyOf(state.assignments.values());
  }

  public synchronized List<Catalog> catalogs() {
    return List.copyOf(state.catalogs.values());
  }

  @Override
  public synchronized <T> Future<T> inTransaction(Function<UnitOfWork, Future<T>> work) {
    State copy = state.copy();
    Future<T> result;
    try {
      result = work.apply(copy.unitOfWork());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (!result.isComplete()) {
      throw new IllegalStateException("the in-memory store expects work to complete at once");
    }
    if (result.succeeded()) {
      state = copy;
    }
    return result;
  }

  @Override
  public synchronized <T> Future<T> read(Function<UnitOfWork, Future<T>> work) {
    try {
      return work.apply(state.copy().unitOfWork());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static final class State {
    final TreeMap<String, Catalog> catalogs = new TreeMap<>();
    final TreeMap<String, RoleAssignment> assignments = new TreeMap<>();
    final Map<CatalogId, Long> packages = new HashMap<>();
    final List<AuditRecord> audit = new ArrayList<>();

    State copy() {
      State s = new State();
      s.catalogs.putAll(catalogs);
      s.assignments.putAll(assignments);
      s.packages.putAll(packages);
      s.audit.addAll(audit);
      return s;
    }

    UnitOfWork unitOfWork() {
      State self = this;
      return new UnitOfWork() {
        @Override
        public Catalogs catalogs() {
          return new MemoryCatalogs(self);
        }

        @Override
        public RoleAssignments roleAssignments() {
          return new MemoryRoleAssignments(self);
        }

        @Override
        public AccessPackages accessPackages() {
          return catalog -> Future.succeededFuture(self.packages.getOrDefault(catalog, 0L));
        }

        @Override
        public AuditTrail auditTrail() {
          return new MemoryAudit(self);
        }
      };
    }
  }

  private record MemoryCatalogs(State s) implements Catalogs {
    @Override
    public Future<Void> insert(Catalog catalog) {
      if (s.catalogs.putIfAbsent(catalog.id().value(), catalog) != null) {
        return Future.failedFuture(new IllegalStateException("duplicate catalog id"));
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Catalog>> find(CatalogId id) {
      return Future.succeededFuture(Optional.ofNullable(s.catalogs.get(id.value())));
    }

    @Override
    public Future<Optional<Catalog>> findForUpdate(CatalogId id) {
      return find(id);
    }

    @Override
    public Future<Void> update(Catalog catalog) {
      s.catalogs.put(catalog.id().value(), catalog);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(CatalogId id) {
      s.catalogs.remove(id.value());
      s.assignments.values().removeIf(a -> a.scope().equals(Scope.of(id)));
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Catalog>> list(Optional<Set<CatalogId>> only, String afterId, int limit) {
      return Future.succeededFuture(
          s.catalogs.values().stream()
              .filter(c -> only.map(o -> o.contains(c.id())).orElse(true))
              .filter(c -> afterId == null || c.id().value().compareTo(afterId) > 0)
              .limit(limit)
              .toList());
    }
  }

  private record MemoryRoleAssignments(State s) implements RoleAssignments {
    @Override
    public Future<Void> add(RoleAssignment assignment) {
      boolean duplicate = s.assignments.values().stream().anyMatch(assignment::sameGrantAs);
      if (duplicate) {
        return Future.failedFuture(
            new DomainException(
                DomainException.Reason.ALREADY_ASSIGNED,
                "The principal already holds this role in this scope"));
      }
      if (assignment
          .scope()
          .catalogId()
          .map(c -> !s.catalogs.containsKey(c.value()))
          .orElse(false)) {
        return Future.failedFuture(new IllegalStateException("catalog does not exist"));
      }
      s.assignments.put(assignment.id().value(), assignment);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<RoleAssignment>> find(RoleAssignmentId id) {
      return Future.succeededFuture(Optional.ofNullable(s.assignments.get(id.value())));
    }

    @Override
    public Future<Void> remove(RoleAssignmentId id) {
      s.assignments.remove(id.value());
      return Future.succeededFuture();
    }

    @Override
    public Future<List<RoleAssignment>> query(RoleAssignmentQuery q) {
      return Future.succeededFuture(
          s.assignments.values().stream()
              .filter(a -> q.principals().map(p -> p.contains(a.principalId())).orElse(true))
              .filter(a -> q.roles().map(r -> r.contains(a.role())).orElse(true))
              .filter(a -> q.scopes().map(sc -> sc.contains(a.scope())).orElse(true))
              .filter(a -> q.afterId() == null || a.id().value().compareTo(q.afterId()) > 0)
              .sorted(Comparator.comparing(a -> a.id().value()))
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<List<RoleAssignment>> heldBy(Collection<PrincipalId> principals) {
      return Future.succeededFuture(
          s.assignments.values().stream()
              .filter(a -> principals.contains(a.principalId()))
              .toList());
    }

    @Override
    public Future<List<RoleAssignment>> inScope(Scope scope) {
      return Future.succeededFuture(
          s.assignments.values().stream().filter(a -> a.scope().equals(scope)).toList());
    }

    @Override
    public Future<Long> countOwners(CatalogId catalog) {
      return Future.succeededFuture(
          s.assignments.values().stream()
              .filter(a -> a.role() == RoleDefinition.CATALOG_OWNER)
              .filter(a -> a.scope().equals(Scope.of(catalog)))
              .count());
    }
  }

  private record MemoryAudit(State s) implements AuditTrail {
    @Override
    public Future<Void> append(AuditRecord record) {
      s.audit.add(record);
      return Future.succeededFuture();
    }

    @Override
    public Future<List<AuditRecord>> forTarget(String targetId, int limit) {
      List<AuditRecord> found = new ArrayList<>();
      for (int i = s.audit.size() - 1; i >= 0 && found.size() < limit; i--) {
        if (s.audit.get(i).targetId().equals(targetId)) {
          found.add(s.audit.get(i));
        }
      }
      return Future.succeededFuture(found);
    }
  }
}
