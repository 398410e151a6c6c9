package dev.steward.application.service;

import dev.steward.application.port.in.delegation.ObserveRoleChangesUseCase;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.packages.AccessPackages;
import dev.steward.application.port.out.policies.Policies;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.port.out.resources.CatalogResources;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Remembers the role assignments each set of principals (a user and their groups) holds, so that
 * authorizing a read does not cost a query — without letting a revoked role count again.
 *
 * <p>Every remembered answer carries the generation it was read in; any change to role assignments
 * starts a new generation, and answers of an older one are never used. Changes made through this
 * process start it synchronously, after their transaction commits and before the caller hears back
 * (see {@link #tracking}), so the caller's very next request, and everyone else's, reads afresh.
 * Changes made elsewhere arrive through {@link #rolesChanged} (Postgres {@code NOTIFY}); while that
 * feed is not connected, nothing is remembered at all.
 *
 * <p>An answer read while a change was under way is not kept: it is stored only if the generation
 * did not move while it was read.
 *
 * <p>Listings of role assignments ({@link #query}, {@link #count}) are remembered the same way, per
 * query, for the same generation (decision 0029): they are read from the same table, whose every
 * change the generation follows, so a listing is never older than the authorization beside it.
 */
public final class HeldRoleCache implements ObserveRoleChangesUseCase {
  /** Principal sets remembered at most; past it the cache starts empty again. */
  static final int MAX_ENTRIES = 100_000;

  /** Role assignments held in listings remembered at most; past it listings start empty again. */
  static final int MAX_LISTED_ROWS = 50_000;

  private record Entry(List<RoleAssignment> held, long generation) {}

  private record Kept<V>(V value, long generation) {}

  private final boolean enabled;
  private final AtomicLong generation = new AtomicLong();
  private final Map<Set<PrincipalId>, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicBoolean feed = new AtomicBoolean();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Map<RoleAssignmentQuery, Kept<List<RoleAssignment>>> listed =
      new ConcurrentHashMap<>();
  private final Map<RoleAssignmentQuery, Kept<Long>> counted = new ConcurrentHashMap<>();
  private final AtomicLong listedRows = new AtomicLong();
  private final LongAdder listingHits = new LongAdder();
  private final LongAdder listingMisses = new LongAdder();

  /** A cache that remembers when the feed is connected ({@code enabled}) or never. */
  public HeldRoleCache(boolean enabled) {
    this.enabled = enabled;
  }

  /** A cache that never remembers: every call reads the store. */
  public static HeldRoleCache off() {
    return new HeldRoleCache(false);
  }

  /** The assignments any of {@code principals} holds, remembered or read from {@code store}. */
  public Future<List<RoleAssignment>> heldBy(Set<PrincipalId> principals, RoleAssignments store) {
    if (!enabled || !feed.get()) {
      return store.heldBy(principals);
    }
    long current = generation.get();
    Entry e = entries.get(principals);
    if (e != null && e.generation() == current) {
      hits.increment();
      return Future.succeededFuture(e.held());
    }
    misses.increment();
    Set<PrincipalId> key = Set.copyOf(principals);
    return store
        .heldBy(key)
        .map(
            found -> {
              if (generation.get() == current) {
                if (entries.size() >= MAX_ENTRIES) {
                  entries.clear();
                }
                entries.put(key, new Entry(List.copyOf(found), current));
              }
              return found;
            });
  }

  /**
   * The role assignments {@code query} finds, remembered for this generation or read from {@code
   * store} now. The query must already be narrowed to what its caller may see: the answer is shared
   * by everyone who asks the same query.
   */
  public Future<List<RoleAssignment>> query(RoleAssignmentQuery query, RoleAssignments store) {
    return remembered(
        listed,
        query,
        () -> store.query(query).map(List::copyOf),
        found -> {
          if (listedRows.addAndGet(found.size() + 1L) > MAX_LISTED_ROWS) {
            listed.clear();
            counted.clear();
            listedRows.set(found.size() + 1L);
          }
        });
  }

  /** How many role assignments {@code query} finds, remembered as {@link #query} is. */
  public Future<Long> count(RoleAssignmentQuery query, RoleAssignments store) {
    return remembered(counted, query, () -> store.count(query), n -> {});
  }

  private <V> Future<V> remembered(
      Map<RoleAssignmentQuery, Kept<V>> kept,
      RoleAssignmentQuery query,
      Supplier<Future<V>> read,
      java.util.function.Consumer<V> beforeKeeping) {
    if (!enabled || !feed.get()) {
      return read.get();
    }
    long current = generation.get();
    Kept<V> k = kept.get(query);
    if (k != null && k.generation() == current) {
      listingHits.increment();
      return Future.succeededFuture(k.value());
    }
    listingMisses.increment();
    return read.get()
        .map(
            found -> {
              if (generation.get() == current) {
                beforeKeeping.accept(found);
                if (kept.size() >= MAX_ENTRIES) {
                  kept.clear();
                }
                kept.put(query, new Kept<>(found, current));
              }
              return found;
            });
  }

  @Override
  public void rolesChanged() {
    generation.incrementAndGet();
    entries.clear();
    listed.clear();
    counted.clear();
    listedRows.set(0);
  }

  @Override
  public void feedConnected(boolean connected) {
    // Whatever happened while the feed was down was not heard: start again either way.
    feed.set(connected);
    rolesChanged();
  }

  public boolean remembering() {
    return enabled && feed.get();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Listings and counts answered from memory. */
  public long listingHits() {
    return listingHits.sum();
  }

  /** Listings and counts read from the store while the cache remembers. */
  public long listingMisses() {
    return listingMisses.sum();
  }

  /**
   * Transactions that start a new generation after any transaction that added or removed a role
   * assignment has ended — committed or not, so an uncertain outcome is never remembered — and
   * before its result is handed on.
   */
  public Transactions tracking(Transactions inner) {
    return new Transactions() {
      @Override
      public <T> Future<T> inTransaction(java.util.function.Function<UnitOfWork, Future<T>> work) {
        AtomicBoolean touched = new AtomicBoolean();
        return inner
            .inTransaction(uow -> work.apply(new Tracked(uow, touched)))
            .map(
                result -> {
                  if (touched.get()) {
                    rolesChanged();
                  }
                  return result;
                })
            .recover(
                failure -> {
                  if (touched.get()) {
                    rolesChanged();
                  }
                  return Future.failedFuture(failure);
                });
      }

      @Override
      public <T> Future<T> read(java.util.function.Function<UnitOfWork, Future<T>> work) {
        return inner.read(work);
      }
    };
  }

  /** A unit of work whose role-assignment writes are noted. */
  private record Tracked(UnitOfWork inner, AtomicBoolean touched) implements UnitOfWork {
    @Override
    public Catalogs catalogs() {
      return inner.catalogs();
    }

    @Override
    public RoleAssignments roleAssignments() {
      return new ForwardingRoleAssignments(inner.roleAssignments()) {
        @Override
        public Future<Void> add(RoleAssignment assignment) {
          touched.set(true);
          return super.add(assignment);
        }

        @Override
        public Future<Void> remove(RoleAssignmentId id) {
          touched.set(true);
          return super.remove(id);
        }
      };
    }

    @Override
    public AccessPackages accessPackages() {
      return inner.accessPackages();
    }

    @Override
    public CatalogResources resources() {
      return inner.resources();
    }

    @Override
    public Policies policies() {
      return inner.policies();
    }

    @Override
    public AssignmentRequests requests() {
      return inner.requests();
    }

    @Override
    public dev.steward.application.port.out.sessions.SessionStore sessions() {
      return inner.sessions();
    }

    @Override
    public Assignments assignments() {
      return inner.assignments();
    }

    @Override
    public ScheduledWork scheduledWork() {
      return inner.scheduledWork();
    }

    @Override
    public AuditTrail auditTrail() {
      return inner.auditTrail();
    }

    @Override
    public dev.steward.application.port.out.notifications.Outbox outbox() {
      return inner.outbox();
    }

    @Override
    public dev.steward.application.port.out.reviews.AccessReviews accessReviews() {
      return inner.accessReviews();
    }

    @Override
    public dev.steward.application.port.out.extensions.CustomExtensions customExtensions() {
      return inner.customExtensions();
    }

    @Override
    public dev.steward.application.port.out.extensions.Callouts callouts() {
      return inner.callouts();
    }
  }
}
