package dev.steward.application.fakes;

import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.packages.AccessPackages;
import dev.steward.application.port.out.policies.Policies;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.port.out.resources.CatalogResources;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RequestId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

  /** A fake-only hook: how many assignments a package has, until assignments have a port. */
  public synchronized void setAssignmentCount(AccessPackageId pkg, long count) {
    state.assignmentCounts.put(pkg, count);
  }

  public synchronized List<AuditRecord> auditRecords() {
    return List.copyOf(state.audit);
  }

  public synchronized List<RoleAssignment> roleAssignments() {
    return List.copyOf(state.assignments.values());
  }

  /** Every outbox message that was ever recorded, whatever became of it. */
  public synchronized List<dev.steward.application.port.out.notifications.OutboxMessage>
      outboxMessages() {
    return state.outbox.values().stream().map(InMemoryOutbox.Row::message).toList();
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
    final TreeMap<String, AccessPackage> packages = new TreeMap<>();
    final TreeMap<String, CatalogResource> resources = new TreeMap<>();
    final TreeMap<String, ResourceRoleScope> roleScopes = new TreeMap<>();
    final TreeMap<String, AssignmentPolicy> policies = new TreeMap<>();
    final Set<List<String>> incompatiblePackages = new LinkedHashSet<>();
    final Set<List<String>> incompatibleGroups = new LinkedHashSet<>();
    final Map<AccessPackageId, Long> assignmentCounts = new HashMap<>();
    final TreeMap<String, AssignmentRequest> requests = new TreeMap<>();
    final TreeMap<String, Assignment> assignmentsById = new TreeMap<>();
    final Map<String, ScheduledWork.Item> work = new HashMap<>();
    final Map<String, Instant> leases = new HashMap<>();
    final List<AuditRecord> audit = new ArrayList<>();
    final Map<String, InMemoryOutbox.Row> outbox = new java.util.LinkedHashMap<>();
    final Map<String, dev.steward.application.port.out.sessions.SessionStore.StoredSession>
        sessions = new java.util.LinkedHashMap<>();
    final InMemoryAccessReviews.Tables reviews = new InMemoryAccessReviews.Tables();
    final TreeMap<String, dev.steward.domain.CustomExtension> extensions = new TreeMap<>();
    final Map<String, dev.steward.application.port.out.extensions.Callout> callouts =
        new java.util.LinkedHashMap<>();

    State copy() {
      State s = new State();
      s.catalogs.putAll(catalogs);
      s.assignments.putAll(assignments);
      s.packages.putAll(packages);
      s.resources.putAll(resources);
      s.roleScopes.putAll(roleScopes);
      s.policies.putAll(policies);
      s.incompatiblePackages.addAll(incompatiblePackages);
      s.incompatibleGroups.addAll(incompatibleGroups);
      s.assignmentCounts.putAll(assignmentCounts);
      s.requests.putAll(requests);
      s.assignmentsById.putAll(assignmentsById);
      s.work.putAll(work);
      s.leases.putAll(leases);
      s.audit.addAll(audit);
      s.outbox.putAll(outbox);
      s.sessions.putAll(sessions);
      s.reviews.putAll(reviews);
      s.extensions.putAll(extensions);
      s.callouts.putAll(callouts);
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
          return new MemoryAccessPackages(self);
        }

        @Override
        public CatalogResources resources() {
          return new MemoryResources(self);
        }

        @Override
        public Policies policies() {
          return new MemoryPolicies(self);
        }

        @Override
        public AssignmentRequests requests() {
          return new MemoryRequests(self);
        }

        @Override
        public Assignments assignments() {
          return new MemoryAssignments(self);
        }

        @Override
        public ScheduledWork scheduledWork() {
          return new MemoryWork(self);
        }

        @Override
        public AuditTrail auditTrail() {
          return new MemoryAudit(self);
        }

        @Override
        public dev.steward.application.port.out.reviews.AccessReviews accessReviews() {
          return new InMemoryAccessReviews(self.reviews);
        }

        @Override
        public dev.steward.application.port.out.notifications.Outbox outbox() {
          return new InMemoryOutbox(self.outbox);
        }

        @Override
        public dev.steward.application.port.out.sessions.SessionStore sessions() {
          return new MemorySessions(self);
        }

        @Override
        public dev.steward.application.port.out.extensions.CustomExtensions customExtensions() {
          return new InMemoryExtensions.Extensions(self.extensions, self.policies.values());
        }

        @Override
        public dev.steward.application.port.out.extensions.Callouts callouts() {
          return new InMemoryExtensions.Calls(self.callouts);
        }
      };
    }
  }

  private record MemorySessions(State s)
      implements dev.steward.application.port.out.sessions.SessionStore {
    private static String key(byte[] hash) {
      return java.util.HexFormat.of().formatHex(hash);
    }

    @Override
    public Future<Void> lockUser(PrincipalId userId) {
      return Future.succeededFuture(); // the store's transactions already run one at a time
    }

    @Override
    public Future<Void> insert(StoredSession session) {
      s.sessions.put(key(session.idHash()), session);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<StoredSession>> find(byte[] idHash) {
      return Future.succeededFuture(Optional.ofNullable(s.sessions.get(key(idHash))));
    }

    @Override
    public Future<Void> touch(byte[] idHash, Instant at) {
      s.sessions.computeIfPresent(
          key(idHash),
          (k, v) -> new StoredSession(v.idHash(), v.userId(), v.login(), v.createdAt(), at));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(byte[] idHash) {
      s.sessions.remove(key(idHash));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> keepNewest(PrincipalId userId, int keep) {
      List<StoredSession> theirs =
          s.sessions.values().stream()
              .filter(x -> x.userId().equals(userId))
              .sorted(java.util.Comparator.comparing(StoredSession::createdAt).reversed())
              .toList();
      theirs.stream().skip(Math.max(keep, 0)).forEach(x -> s.sessions.remove(key(x.idHash())));
      return Future.succeededFuture();
    }

    @Override
    public Future<Integer> deleteEnded(Instant idleBefore, Instant createdBefore) {
      int before = s.sessions.size();
      s.sessions
          .values()
          .removeIf(
              x -> !x.lastSeenAt().isAfter(idleBefore) || !x.createdAt().isAfter(createdBefore));
      return Future.succeededFuture(before - s.sessions.size());
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
    public Future<Optional<Catalog>> findForShare(CatalogId id) {
      return find(id);
    }

    @Override
    public Future<Void> update(Catalog catalog) {
      s.catalogs.put(catalog.id().value(), catalog);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(CatalogId id) {
      if (s.packages.values().stream().anyMatch(p -> p.catalogId().equals(id))) {
        return Future.failedFuture(new IllegalStateException("catalog still has access packages"));
      }
      s.catalogs.remove(id.value());
      s.assignments.values().removeIf(a -> a.scope().equals(Scope.of(id)));
      s.resources.values().removeIf(r -> r.catalogId().equals(id));
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Catalog>> list(
        Optional<Set<CatalogId>> only, dev.steward.application.port.in.catalogs.CatalogQuery q) {
      return Future.succeededFuture(
          s.catalogs.values().stream()
              .filter(c -> only.map(o -> o.contains(c.id())).orElse(true))
              .filter(q::matches)
              .filter(q::after)
              .sorted(q.order())
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(
        Optional<Set<CatalogId>> only, dev.steward.application.port.in.catalogs.CatalogQuery q) {
      return Future.succeededFuture(
          s.catalogs.values().stream()
              .filter(c -> only.map(o -> o.contains(c.id())).orElse(true))
              .filter(q::matches)
              .count());
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
          matching(q)
              .filter(a -> q.afterId() == null || a.id().value().compareTo(q.afterId()) > 0)
              .sorted(Comparator.comparing(a -> a.id().value()))
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(RoleAssignmentQuery q) {
      return Future.succeededFuture(matching(q).count());
    }

    private java.util.stream.Stream<RoleAssignment> matching(RoleAssignmentQuery q) {
      return s.assignments.values().stream()
          .filter(a -> q.principals().map(p -> p.contains(a.principalId())).orElse(true))
          .filter(a -> q.roles().map(r -> r.contains(a.role())).orElse(true))
          .filter(a -> q.scopes().map(sc -> sc.contains(a.scope())).orElse(true));
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

    @Override
    public Future<List<AuditRecord>> find(
        Optional<Set<CatalogId>> only, dev.steward.application.port.in.audit.AuditQuery q) {
      // The list is in write order; a stable sort by time keeps write order among equal times.
      java.util.Comparator<AuditRecord> order = java.util.Comparator.comparing(AuditRecord::at);
      List<AuditRecord> sorted = new ArrayList<>(s.audit);
      sorted.sort(order);
      if (!q.oldestFirst()) {
        java.util.Collections.reverse(sorted);
      }
      int start = 0;
      if (q.afterId() != null) {
        start = sorted.size();
        for (int i = 0; i < sorted.size(); i++) {
          if (sorted.get(i).id().equals(q.afterId())) {
            start = i + 1;
          }
        }
      }
      return Future.succeededFuture(
          sorted.subList(start, sorted.size()).stream()
              .filter(
                  r ->
                      only.map(
                              o ->
                                  r.catalogId() != null && o.contains(new CatalogId(r.catalogId())))
                          .orElse(true))
              .filter(q::matches)
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(
        Optional<Set<CatalogId>> only,
        dev.steward.application.port.in.audit.AuditQuery q,
        long atMost) {
      return Future.succeededFuture(
          s.audit.stream()
              .filter(
                  r ->
                      only.map(
                              o ->
                                  r.catalogId() != null && o.contains(new CatalogId(r.catalogId())))
                          .orElse(true))
              .filter(q::matches)
              .limit(atMost + 1)
              .count());
    }

    @Override
    public Future<Optional<AuditRecord>> get(String id) {
      return Future.succeededFuture(s.audit.stream().filter(r -> r.id().equals(id)).findFirst());
    }

    /** Memory cannot be written to behind the fake's back: every record counts as sealed. */
    @Override
    public Future<dev.steward.application.port.out.audit.ChainVerification> verifyChain() {
      return Future.succeededFuture(
          new dev.steward.application.port.out.audit.ChainVerification(
              s.audit.size(), 0, Optional.empty(), Optional.empty()));
    }
  }

  private static DomainException exists(String what) {
    return new DomainException(DomainException.Reason.ALREADY_EXISTS, what + " exists already");
  }

  /** The rule the store answers "who may request through a policy" by: the service's own. */
  private static boolean requestable(
      AssignmentPolicy p, PrincipalId user, Set<PrincipalId> groups) {
    return p.settings().requestorSettings().enableTargetsToSelfAddAccess()
        && dev.steward.application.service.PolicyEvaluation.inScope(
            p.settings(),
            user,
            new dev.steward.application.port.out.directory.Membership(groups, Map.of()));
  }

  private record MemoryAccessPackages(State s) implements AccessPackages {
    @Override
    public Future<Long> countInCatalog(CatalogId catalog) {
      return Future.succeededFuture(
          s.packages.values().stream().filter(p -> p.catalogId().equals(catalog)).count());
    }

    @Override
    public Future<Void> insert(AccessPackage pkg) {
      if (!s.catalogs.containsKey(pkg.catalogId().value())) {
        return Future.failedFuture(new IllegalStateException("catalog does not exist"));
      }
      s.packages.put(pkg.id().value(), pkg);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<AccessPackage>> find(AccessPackageId id) {
      return Future.succeededFuture(Optional.ofNullable(s.packages.get(id.value())));
    }

    @Override
    public Future<List<AccessPackage>> findAll(Set<AccessPackageId> ids) {
      return Future.succeededFuture(
          ids.stream()
              .map(id -> s.packages.get(id.value()))
              .filter(java.util.Objects::nonNull)
              .toList());
    }

    @Override
    public Future<List<AccessPackage>> requestableBy(
        PrincipalId user, Set<PrincipalId> groups, int limit) {
      Set<AccessPackageId> through =
          s.policies.values().stream()
              .filter(p -> requestable(p, user, groups))
              .map(AssignmentPolicy::accessPackageId)
              .collect(java.util.stream.Collectors.toSet());
      return Future.succeededFuture(
          s.packages.values().stream()
              .filter(p -> !p.isHidden() && through.contains(p.id()))
              .limit(Math.max(limit, 0))
              .toList());
    }

    @Override
    public Future<Long> countRequestableBy(PrincipalId user, Set<PrincipalId> groups) {
      return requestableBy(user, groups, Integer.MAX_VALUE).map(found -> (long) found.size());
    }

    @Override
    public Future<Optional<AccessPackage>> findForUpdate(AccessPackageId id) {
      return find(id);
    }

    @Override
    public Future<Optional<AccessPackage>> findForShare(AccessPackageId id) {
      return find(id);
    }

    @Override
    public Future<Void> update(AccessPackage pkg) {
      s.packages.put(pkg.id().value(), pkg);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(AccessPackageId id) {
      s.packages.remove(id.value());
      s.roleScopes.values().removeIf(r -> r.accessPackageId().equals(id));
      s.policies.values().removeIf(p -> p.accessPackageId().equals(id));
      s.incompatiblePackages.removeIf(pair -> pair.contains(id.value()));
      s.incompatibleGroups.removeIf(pair -> pair.get(0).equals(id.value()));
      return Future.succeededFuture();
    }

    @Override
    public Future<List<AccessPackage>> list(AccessPackageQuery q) {
      return Future.succeededFuture(
          matching(q)
              .filter(p -> q.afterId() == null || p.id().value().compareTo(q.afterId()) > 0)
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(AccessPackageQuery q) {
      return Future.succeededFuture(matching(q).count());
    }

    private java.util.stream.Stream<AccessPackage> matching(AccessPackageQuery q) {
      return s.packages.values().stream()
          .filter(p -> q.catalogs().map(c -> c.contains(p.catalogId())).orElse(true))
          .filter(
              p -> q.displayNameEquals().map(n -> p.displayName().equalsIgnoreCase(n)).orElse(true))
          .filter(
              p ->
                  q.displayNameContains()
                      .map(
                          n ->
                              p.displayName()
                                  .toLowerCase(Locale.ROOT)
                                  .contains(n.toLowerCase(Locale.ROOT)))
                      .orElse(true));
    }

    @Override
    public Future<Long> countAssignments(AccessPackageId id) {
      long real =
          s.assignmentsById.values().stream()
              .filter(a -> a.accessPackageId().equals(id) && a.state() != Assignment.State.EXPIRED)
              .count();
      return Future.succeededFuture(real + s.assignmentCounts.getOrDefault(id, 0L));
    }

    @Override
    public Future<Void> addRoleScope(ResourceRoleScope scope) {
      boolean dup =
          s.roleScopes.values().stream()
              .anyMatch(
                  r ->
                      r.accessPackageId().equals(scope.accessPackageId())
                          && r.resourceId().equals(scope.resourceId())
                          && r.role() == scope.role());
      if (dup) {
        return Future.failedFuture(exists("The resource role"));
      }
      s.roleScopes.put(scope.id().value(), scope);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<ResourceRoleScope>> findRoleScope(ResourceRoleScopeId id) {
      return Future.succeededFuture(Optional.ofNullable(s.roleScopes.get(id.value())));
    }

    @Override
    public Future<List<ResourceRoleScope>> roleScopes(AccessPackageId id) {
      return Future.succeededFuture(
          s.roleScopes.values().stream().filter(r -> r.accessPackageId().equals(id)).toList());
    }

    @Override
    public Future<Void> removeRoleScope(ResourceRoleScopeId id) {
      s.roleScopes.remove(id.value());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> addIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
      return s.incompatiblePackages.add(List.of(pkg.value(), other.value()))
          ? Future.succeededFuture()
          : Future.failedFuture(exists("The incompatible access package"));
    }

    @Override
    public Future<Boolean> removeIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
      return Future.succeededFuture(
          s.incompatiblePackages.remove(List.of(pkg.value(), other.value())));
    }

    @Override
    public Future<List<AccessPackage>> incompatiblePackages(AccessPackageId pkg) {
      return Future.succeededFuture(
          s.incompatiblePackages.stream()
              .filter(pair -> pair.get(0).equals(pkg.value()))
              .map(pair -> s.packages.get(pair.get(1)))
              .sorted(Comparator.comparing(p -> p.id().value()))
              .toList());
    }

    @Override
    public Future<Void> addIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
      return s.incompatibleGroups.add(List.of(pkg.value(), group.value()))
          ? Future.succeededFuture()
          : Future.failedFuture(exists("The incompatible group"));
    }

    @Override
    public Future<Boolean> removeIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
      return Future.succeededFuture(
          s.incompatibleGroups.remove(List.of(pkg.value(), group.value())));
    }

    @Override
    public Future<List<PrincipalId>> incompatibleGroups(AccessPackageId pkg) {
      return Future.succeededFuture(
          s.incompatibleGroups.stream()
              .filter(pair -> pair.get(0).equals(pkg.value()))
              .map(pair -> new PrincipalId(pair.get(1)))
              .sorted(Comparator.comparing(PrincipalId::value))
              .toList());
    }
  }

  private record MemoryResources(State s) implements CatalogResources {
    @Override
    public Future<Void> add(CatalogResource r) {
      boolean dup =
          s.resources.values().stream()
              .anyMatch(
                  x -> x.catalogId().equals(r.catalogId()) && x.originId().equals(r.originId()));
      if (dup) {
        return Future.failedFuture(exists("The group is in the catalog already; the resource"));
      }
      s.resources.put(r.id().value(), r);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<CatalogResource>> find(ResourceId id) {
      return Future.succeededFuture(Optional.ofNullable(s.resources.get(id.value())));
    }

    @Override
    public Future<Optional<CatalogResource>> findByOrigin(CatalogId catalog, PrincipalId group) {
      return Future.succeededFuture(
          s.resources.values().stream()
              .filter(x -> x.catalogId().equals(catalog) && x.originId().equals(group))
              .findFirst());
    }

    @Override
    public Future<List<CatalogResource>> inCatalog(CatalogId catalog) {
      return Future.succeededFuture(
          s.resources.values().stream().filter(x -> x.catalogId().equals(catalog)).toList());
    }

    @Override
    public Future<Void> remove(ResourceId id) {
      s.resources.remove(id.value());
      return Future.succeededFuture();
    }

    @Override
    public Future<Long> countRoleScopesUsing(ResourceId id) {
      return Future.succeededFuture(
          s.roleScopes.values().stream().filter(r -> r.resourceId().equals(id)).count());
    }
  }

  private record MemoryPolicies(State s) implements Policies {
    @Override
    public Future<Void> insert(AssignmentPolicy policy) {
      s.policies.put(policy.id().value(), policy);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<AssignmentPolicy>> find(PolicyId id) {
      return Future.succeededFuture(Optional.ofNullable(s.policies.get(id.value())));
    }

    @Override
    public Future<Void> update(AssignmentPolicy policy) {
      s.policies.put(policy.id().value(), policy);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delete(PolicyId id) {
      s.policies.remove(id.value());
      return Future.succeededFuture();
    }

    @Override
    public Future<List<AssignmentPolicy>> list(
        Optional<Set<CatalogId>> catalogs,
        Optional<AccessPackageId> pkg,
        String afterId,
        int limit) {
      return Future.succeededFuture(
          s.policies.values().stream()
              .filter(p -> catalogs.map(c -> c.contains(p.catalogId())).orElse(true))
              .filter(p -> pkg.map(x -> x.equals(p.accessPackageId())).orElse(true))
              .filter(p -> afterId == null || p.id().value().compareTo(afterId) > 0)
              .limit(limit)
              .toList());
    }

    @Override
    public Future<List<AssignmentPolicy>> requestableBy(
        PrincipalId user, Set<PrincipalId> groups, Set<AccessPackageId> packages) {
      return Future.succeededFuture(
          s.policies.values().stream()
              .filter(p -> packages.contains(p.accessPackageId()))
              .filter(p -> requestable(p, user, groups))
              .toList());
    }
  }

  private record MemoryRequests(State s) implements AssignmentRequests {
    @Override
    public Future<Void> insert(AssignmentRequest r) {
      s.requests.put(r.id().value(), r);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> update(AssignmentRequest r) {
      s.requests.put(r.id().value(), r);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<AssignmentRequest>> find(RequestId id) {
      return Future.succeededFuture(Optional.ofNullable(s.requests.get(id.value())));
    }

    @Override
    public Future<Optional<AssignmentRequest>> findForUpdate(RequestId id) {
      return find(id);
    }

    @Override
    public Future<Optional<AssignmentRequest>> failedFor(dev.steward.domain.AssignmentId id) {
      return Future.succeededFuture(
          s.requests.values().stream()
              .filter(r -> id.equals(r.assignmentId()))
              .filter(r -> r.state() == AssignmentRequest.State.DELIVERY_FAILED)
              .max(Comparator.comparing(AssignmentRequest::createdDateTime)));
    }

    @Override
    public Future<Optional<AssignmentRequest>> openFor(PrincipalId target, AccessPackageId pkg) {
      return Future.succeededFuture(
          s.requests.values().stream()
              .filter(
                  r ->
                      r.targetId().equals(target)
                          && r.accessPackageId().equals(pkg)
                          && r.type().adds())
              .filter(
                  r ->
                      r.state() == AssignmentRequest.State.PENDING_APPROVAL
                          || r.state() == AssignmentRequest.State.SUBMITTED)
              .findFirst());
    }

    @Override
    public Future<List<AssignmentRequest>> list(Query q) {
      return Future.succeededFuture(
          matching(q)
              .filter(r -> q.afterId() == null || r.id().value().compareTo(q.afterId()) > 0)
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(Query q) {
      return Future.succeededFuture(matching(q).count());
    }

    private java.util.stream.Stream<AssignmentRequest> matching(Query q) {
      return s.requests.values().stream()
          .filter(r -> q.catalogs().map(c -> c.contains(r.catalogId())).orElse(true))
          .filter(r -> q.target().map(t -> t.equals(r.targetId())).orElse(true))
          .filter(r -> q.requestor().map(t -> t.equals(r.requestorId())).orElse(true))
          .filter(q.filter()::matches)
          .filter(
              r ->
                  q.pendingApprover()
                      .map(
                          a -> r.currentStage().map(st -> st.approvers().contains(a)).orElse(false))
                      .orElse(true));
    }
  }

  private record MemoryAssignments(State s) implements Assignments {
    @Override
    public Future<Void> insert(Assignment a) {
      s.assignmentsById.put(a.id().value(), a);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> update(Assignment a) {
      s.assignmentsById.put(a.id().value(), a);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Assignment>> find(AssignmentId id) {
      return Future.succeededFuture(Optional.ofNullable(s.assignmentsById.get(id.value())));
    }

    @Override
    public Future<Optional<Assignment>> findForUpdate(AssignmentId id) {
      return find(id);
    }

    @Override
    public Future<Void> lockHolder(PrincipalId target) {
      // Transactions here run one at a time on a copy: there is nothing to wait for.
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Assignment>> activeOf(PrincipalId target) {
      return Future.succeededFuture(
          s.assignmentsById.values().stream()
              .filter(a -> a.targetId().equals(target) && a.isActive())
              .toList());
    }

    @Override
    public Future<List<Assignment>> list(Query q) {
      return Future.succeededFuture(
          matching(q)
              .filter(a -> q.afterId() == null || a.id().value().compareTo(q.afterId()) > 0)
              .limit(q.limit())
              .toList());
    }

    @Override
    public Future<Long> count(Query q) {
      return Future.succeededFuture(matching(q).count());
    }

    private java.util.stream.Stream<Assignment> matching(Query q) {
      return s.assignmentsById.values().stream()
          .filter(a -> q.catalogs().map(c -> c.contains(a.catalogId())).orElse(true))
          .filter(a -> q.accessPackage().map(p -> p.equals(a.accessPackageId())).orElse(true))
          .filter(a -> q.target().map(t -> t.equals(a.targetId())).orElse(true))
          .filter(a -> q.states().map(s -> s.contains(a.state())).orElse(true))
          .filter(a -> q.policy().map(p -> p.equals(a.policyId())).orElse(true));
    }
  }

  private record MemoryWork(State s) implements ScheduledWork {
    private static String key(Kind kind, String subject) {
      return kind + "/" + subject;
    }

    @Override
    public Future<Void> schedule(Kind kind, String subjectId, Instant dueAt) {
      s.work.put(key(kind, subjectId), new Item(kind, subjectId, dueAt, 0));
      s.leases.remove(key(kind, subjectId));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> cancel(Kind kind, String subjectId) {
      s.work.remove(key(kind, subjectId));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> scheduleIfAbsent(Kind kind, String subjectId, Instant dueAt) {
      return s.work.containsKey(key(kind, subjectId))
          ? Future.succeededFuture()
          : schedule(kind, subjectId, dueAt);
    }

    @Override
    public Future<Void> retryLater(Item item, Instant dueAt) {
      String k = key(item.kind(), item.subjectId());
      Item now = s.work.get(k);
      if (now != null && now.dueAt().equals(item.dueAt())) {
        s.work.put(k, new Item(item.kind(), item.subjectId(), dueAt, now.attempts()));
        s.leases.remove(k);
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Item>> claimDue(Instant now, Instant leaseUntil, int limit) {
      List<Item> due =
          s.work.entrySet().stream()
              .filter(e -> !e.getValue().dueAt().isAfter(now))
              .filter(
                  e -> !s.leases.containsKey(e.getKey()) || s.leases.get(e.getKey()).isBefore(now))
              .map(Map.Entry::getValue)
              .sorted(Comparator.comparing(Item::dueAt))
              .limit(limit)
              .map(i -> new Item(i.kind(), i.subjectId(), i.dueAt(), i.attempts() + 1))
              .toList();
      due.forEach(
          i -> {
            s.leases.put(key(i.kind(), i.subjectId()), leaseUntil);
            s.work.put(key(i.kind(), i.subjectId()), i);
          });
      return Future.succeededFuture(due);
    }

    @Override
    public Future<Void> complete(Item item) {
      s.work.remove(key(item.kind(), item.subjectId()));
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Instant>> oldestDue(Instant now) {
      return Future.succeededFuture(
          s.work.values().stream()
              .map(Item::dueAt)
              .filter(d -> !d.isAfter(now))
              .min(Comparator.naturalOrder()));
    }
  }
}
