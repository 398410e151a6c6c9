package dev.steward.application.service;

import dev.steward.application.port.in.delegation.ObserveRoleChangesUseCase;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
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
 * <p>Every remembered answer carries the generation it was read in; any change to role assignments,
 * catalogs, access packages or assignment policies starts a new generation, and answers of an older
 * one are never used. Changes made through this process start it synchronously, after their
 * transaction commits and before the caller hears back (see {@link #tracking}), so the caller's
 * very next request, and everyone else's, reads afresh. Changes made elsewhere arrive through
 * {@link #rolesChanged} (Postgres {@code NOTIFY}); while that feed is not connected, nothing is
 * remembered at all.
 *
 * <p>An answer read while a change was under way is not kept: it is stored only if the generation
 * did not move while it was read.
 *
 * <p>Answers read from those tables alone — role-assignment listings and counts ({@link #query},
 * {@link #count}), catalog listings, whether a catalog exists, the packages a user may request
 * ({@link #remembered}) — are remembered the same way, per question, for the same generation
 * (decision 0029): every change to what they were read from starts a new one, so such an answer is
 * never older than the authorization beside it.
 *
 * <p>Pages of the audit log are remembered the same way under a generation of their own (decision
 * 0030, {@link #rememberedAudit}): the log is append-only, so only a record written — here, noted
 * by the tracked transactions, or anywhere, announced by Postgres — changes what a query of it
 * finds; role changes do not (what a caller may read is part of the key), and audit records,
 * written by nearly every change, do not drop the answers above.
 */
public final class HeldRoleCache implements ObserveRoleChangesUseCase {
  /** Principal sets remembered at most; past it the cache starts empty again. */
  static final int MAX_ENTRIES = 100_000;

  /** Rows held in remembered answers at most; past it they start empty again. */
  static final int MAX_ANSWER_ROWS = 50_000;

  /** Audit records held in remembered audit pages at most; past it they start empty again. */
  static final int MAX_AUDIT_ROWS = 10_000;

  private record Entry(List<RoleAssignment> held, long generation) {}

  private record Kept<V>(V value, long generation) {}

  private final boolean enabled;
  private final AtomicLong generation = new AtomicLong();
  private final Map<Set<PrincipalId>, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicBoolean feed = new AtomicBoolean();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Map<Object, Kept<?>> answers = new ConcurrentHashMap<>();
  private final AtomicLong answerRows = new AtomicLong();
  private final LongAdder rememberedHits = new LongAdder();
  private final LongAdder rememberedMisses = new LongAdder();
  private final AtomicLong auditGeneration = new AtomicLong();
  private final Map<Object, Kept<?>> auditAnswers = new ConcurrentHashMap<>();
  private final AtomicLong auditRows = new AtomicLong();
  private final LongAdder auditHits = new LongAdder();
  private final LongAdder auditMisses = new LongAdder();

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

  /** What a role-assignment listing asked: the key its answer is remembered under. */
  private record RoleListing(RoleAssignmentQuery query) {}

  /** What a role-assignment count asked. */
  private record RoleCount(RoleAssignmentQuery query) {}

  /**
   * The role assignments {@code query} finds, remembered for this generation or read from {@code
   * store} now. The query must already be narrowed to what its caller may see: the answer is shared
   * by everyone who asks the same query.
   */
  public Future<List<RoleAssignment>> query(RoleAssignmentQuery query, RoleAssignments store) {
    return remembered(new RoleListing(query), () -> store.query(query).map(List::copyOf));
  }

  /** How many role assignments {@code query} finds, remembered as {@link #query} is. */
  public Future<Long> count(RoleAssignmentQuery query, RoleAssignments store) {
    // Paging does not change a count: one key for every page of the same listing.
    RoleAssignmentQuery counted =
        new RoleAssignmentQuery(query.principals(), query.roles(), query.scopes(), null, 1);
    return remembered(new RoleCount(counted), () -> store.count(query));
  }

  /**
   * An answer read from role assignments and catalogs alone — the tables whose every change starts
   * a new generation — remembered under {@code key} for this generation, or read now. The key must
   * name everything the answer depends on, the caller's visibility included: the answer is shared
   * by everyone who asks with an equal key. A list's rows count towards {@link #MAX_ANSWER_ROWS}.
   */
  public <V> Future<V> remembered(Object key, Supplier<Future<V>> read) {
    return remembered(key, read, v -> true);
  }

  /**
   * {@link #remembered(Object, Supplier)}, keeping only the answers {@code keep} accepts (a catalog
   * that was not found is not remembered, so that asking for made-up ids fills nothing).
   */
  public <V> Future<V> remembered(
      Object key, Supplier<Future<V>> read, java.util.function.Predicate<V> keep) {
    return remembered(
        key,
        0,
        read,
        keep,
        generation,
        answers,
        answerRows,
        MAX_ANSWER_ROWS,
        rememberedHits,
        rememberedMisses);
  }

  /**
   * An answer read from the audit log alone — a page of records or a count — remembered under
   * {@code key} until an audit record is written, or read now. The key must name the query and the
   * catalogs the caller may read. A list's records count towards {@link #MAX_AUDIT_ROWS}.
   */
  public <V> Future<V> rememberedAudit(Object key, Supplier<Future<V>> read) {
    return rememberedAudit(key, 0, read);
  }

  /**
   * {@link #rememberedAudit(Object, Supplier)} for a key that itself holds {@code keyWeight} rows'
   * worth (the catalogs a caller may read), counted towards {@link #MAX_AUDIT_ROWS} with the
   * answer: varying a query must not pin an unbounded number of large keys.
   */
  public <V> Future<V> rememberedAudit(Object key, long keyWeight, Supplier<Future<V>> read) {
    return remembered(
        key,
        keyWeight,
        read,
        v -> true,
        auditGeneration,
        auditAnswers,
        auditRows,
        MAX_AUDIT_ROWS,
        auditHits,
        auditMisses);
  }

  @SuppressWarnings("unchecked")
  private <V> Future<V> remembered(
      Object key,
      long keyWeight,
      Supplier<Future<V>> read,
      java.util.function.Predicate<V> keep,
      AtomicLong generationOf,
      Map<Object, Kept<?>> kept,
      AtomicLong rowsKept,
      int maxRows,
      LongAdder hit,
      LongAdder miss) {
    if (!enabled || !feed.get()) {
      return read.get();
    }
    long current = generationOf.get();
    Kept<?> k = kept.get(key);
    if (k != null && k.generation() == current) {
      hit.increment();
      return Future.succeededFuture((V) k.value());
    }
    miss.increment();
    return read.get()
        .map(
            found -> {
              if (generationOf.get() == current && keep.test(found)) {
                long rows =
                    keyWeight + (found instanceof java.util.Collection<?> c ? c.size() + 1L : 1L);
                if (rowsKept.get() + rows > maxRows || kept.size() >= MAX_ENTRIES) {
                  kept.clear();
                  rowsKept.set(0);
                }
                if (kept.put(key, new Kept<>(found, current)) == null) {
                  rowsKept.addAndGet(rows);
                }
              }
              return found;
            });
  }

  @Override
  public void rolesChanged() {
    generation.incrementAndGet();
    entries.clear();
    answers.clear();
    answerRows.set(0);
  }

  @Override
  public void auditWritten() {
    auditGeneration.incrementAndGet();
    auditAnswers.clear();
    auditRows.set(0);
  }

  @Override
  public void feedConnected(boolean connected) {
    // Whatever happened while the feed was down was not heard: start again either way — before
    // the feed counts as connected (an answer read while it was down, and stored under the
    // generation it left, must not be given in between) and after.
    rolesChanged();
    auditWritten();
    feed.set(connected);
    rolesChanged();
    auditWritten();
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

  /** Listings, counts and other answers ({@link #remembered}) given from memory. */
  public long rememberedHits() {
    return rememberedHits.sum();
  }

  /** Listings, counts and other answers read from the store while the cache remembers. */
  public long rememberedMisses() {
    return rememberedMisses.sum();
  }

  /** Audit pages and counts given from memory ({@link #rememberedAudit}). */
  public long auditHits() {
    return auditHits.sum();
  }

  /** Audit pages and counts read from the store while the cache remembers. */
  public long auditMisses() {
    return auditMisses.sum();
  }

  /**
   * Transactions that start a new generation after any transaction that added or removed a role
   * assignment or wrote a catalog, an access package or an assignment policy has ended — committed
   * or not, so an uncertain outcome is never remembered — and before its result is handed on; and a
   * new audit generation, the same way, after any transaction that wrote an audit record.
   */
  public Transactions tracking(Transactions inner) {
    return new Transactions() {
      @Override
      public <T> Future<T> inTransaction(java.util.function.Function<UnitOfWork, Future<T>> work) {
        AtomicBoolean touched = new AtomicBoolean();
        AtomicBoolean audited = new AtomicBoolean();
        return inner
            .inTransaction(uow -> work.apply(new TrackedUnitOfWork(uow, touched, audited)))
            .map(
                result -> {
                  ended(touched, audited);
                  return result;
                })
            .recover(
                failure -> {
                  ended(touched, audited);
                  return Future.failedFuture(failure);
                });
      }

      @Override
      public <T> Future<T> read(java.util.function.Function<UnitOfWork, Future<T>> work) {
        return inner.read(work);
      }
    };
  }

  private void ended(AtomicBoolean touched, AtomicBoolean audited) {
    if (touched.get()) {
      rolesChanged();
    }
    if (audited.get()) {
      auditWritten();
    }
  }
}
