package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.steward.adapter.ldap.LdapSettings.Nesting;
import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceRole;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The directory port over LDAP with the UnboundID SDK: a pool of connections bound as Steward's
 * service account, blocking calls on a worker pool of their own (never on the event loop), and
 * filters built only with the SDK's filter factories.
 */
public final class LdapDirectory implements Directory, AutoCloseable {
  static final int MAX_NESTING = MembershipResolver.MAX_NESTING;

  private final LdapSettings s;
  private final LDAPConnectionPool pool;
  private final WorkerExecutor workers;
  private final IdCodec ids;
  private final LdapReader reader;
  private final GroupWriter writer;
  private final MembershipResolver resolver;
  private final Entries entries;
  private final boolean singleOwner;
  private final TtlCache<PrincipalId, Membership> memberships;
  private final TtlCache<PrincipalId, Optional<Principal>> principals;

  public LdapDirectory(Vertx vertx, LdapSettings settings) throws LDAPException {
    this.s = settings;
    this.pool = LdapPools.open(s);
    try {
      this.ids = new IdCodec(s.idAttribute(), s.idFormat());
      this.reader = new LdapReader(pool);
      this.writer = new GroupWriter(pool);
      this.entries = new Entries(s, pool, reader, ids);
      this.resolver = new MembershipResolver(s, reader, ids, entries.groupKind());
      this.singleOwner = GroupWriter.singleValued(pool, s.ownerAttribute());
    } catch (LDAPException | RuntimeException e) {
      pool.close();
      throw e;
    }
    this.workers = vertx.createSharedWorkerExecutor("steward-ldap", s.poolSize() * 2);
    this.memberships = new TtlCache<>(s.membershipCacheTtl());
    this.principals = new TtlCache<>(s.membershipCacheTtl());
  }

  /**
   * Told of every directory operation, for metrics: its kind, how long it took, whether it failed.
   */
  @FunctionalInterface
  public interface Observer {
    void operation(String kind, long nanos, boolean succeeded);

    Observer NONE = (kind, nanos, ok) -> {};
  }

  private Observer observer = Observer.NONE;

  /** Sets who is told of each operation; bootstrap wires this to the metrics registry. */
  public void observe(Observer observer) {
    this.observer = observer;
  }

  /** Connections in the pool now available, and the most it opens. */
  public int availableConnections() {
    return pool.getCurrentAvailableConnections();
  }

  public int maxConnections() {
    return pool.getMaximumAvailableConnections();
  }

  /** Read requests sent to the directory so far (tests count round trips with it). */
  public long readRequests() {
    return reader.requests();
  }

  // ---- for LdapAttributeRules, which searches with the same pool, codec and worker pool ----

  LdapReader reader() {
    return reader;
  }

  IdCodec ids() {
    return ids;
  }

  Entries entries() {
    return entries;
  }

  LdapSettings settings() {
    return s;
  }

  <T> Future<T> read(String kind, Callable<T> work) {
    return blocking(kind, work);
  }

  /** The NetBIOS domain that DOMAIN\name logins must name; empty when there is none. */
  public String netbiosDomain() {
    return entries.netbiosDomain();
  }

  private <T> Future<T> blocking(String kind, Callable<T> work) {
    return workers.executeBlocking(
        () -> {
          long start = System.nanoTime();
          boolean ok = false;
          try {
            T result = work.call();
            ok = true;
            return result;
          } catch (LDAPException e) {
            throw translate(e);
          } finally {
            observer.operation(kind, System.nanoTime() - start, ok);
          }
        },
        false);
  }

  private static RuntimeException translate(LDAPException e) {
    ResultCode code = e.getResultCode();
    if (code.isConnectionUsable()) {
      return new IllegalStateException("LDAP operation failed: " + e.getMessage(), e);
    }
    return new DependencyUnavailableException("ldap", e);
  }

  // ---- the port ----

  /**
   * Finds a user or group; found ones are remembered for the membership TTL (names and mail change
   * rarely; who holds which role is never taken from here).
   */
  @Override
  public Future<Optional<Principal>> find(PrincipalId id) {
    return principals.load(
        id,
        () -> blocking("find", () -> entries.findEntry(id).flatMap(entries::toPrincipal)),
        Optional::isPresent);
  }

  @Override
  public Future<Optional<Principal>> findUserByLogin(String login) {
    return blocking(
        "findUserByLogin", () -> entries.userByLogin(login).flatMap(entries::toPrincipal));
  }

  @Override
  public Future<Optional<Principal>> authenticate(String login, String password) {
    if (login == null || login.isEmpty() || password == null || password.isEmpty()) {
      // An empty password would be an unauthenticated bind, which LDAP servers accept.
      return Future.succeededFuture(Optional.empty());
    }
    return blocking(
        "authenticate",
        () -> {
          Optional<SearchResultEntry> entry = entries.userByLogin(login);
          if (entry.isEmpty()) {
            return Optional.empty();
          }
          try {
            pool.bindAndRevertAuthentication(entry.get().getDN(), password);
          } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                || e.getResultCode() == ResultCode.INAPPROPRIATE_AUTHENTICATION
                || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM) {
              return Optional.empty();
            }
            throw e;
          }
          return entries.toPrincipal(entry.get());
        });
  }

  @Override
  public Future<Membership> membershipOf(PrincipalId user) {
    return memberships.load(
        user,
        () ->
            blocking(
                "membershipOf",
                () -> {
                  Optional<SearchResultEntry> entry = entries.findEntry(user);
                  return entry.isEmpty()
                      ? Membership.none()
                      : resolver.of(entry.get().getParsedDN());
                }),
        m -> true);
  }

  @Override
  public Future<List<Principal>> search(PrincipalType type, String text, int limit) {
    return blocking(
        "search",
        () -> {
          boolean users = type == PrincipalType.USER;
          Filter kind = users ? entries.userKind() : entries.groupKind();
          Filter filter =
              text.isEmpty() ? kind : Filter.createANDFilter(kind, searchFor(users, text));
          List<Principal> found = new ArrayList<>();
          for (SearchResultEntry e :
              reader.search(
                  users ? s.userBaseDn() : s.groupBaseDn(), filter, limit, entries.attributes())) {
            entries.toPrincipal(e).ifPresent(found::add);
          }
          found.sort(java.util.Comparator.comparing(Principal::displayName));
          return found;
        });
  }

  /** The start of any name, login or mail attribute, as {@code $search} looks. */
  private Filter searchFor(boolean users, String text) {
    Set<String> named = new LinkedHashSet<>();
    named.add(s.displayNameAttribute());
    named.add(s.groupNameAttribute());
    if (users) {
      named.addAll(s.loginAttributes());
      named.add(s.mailAttribute());
    }
    List<Filter> any = new ArrayList<>();
    for (String attribute : named) {
      any.add(Filter.createSubInitialFilter(attribute, text));
    }
    return Filter.createORFilter(any);
  }

  /**
   * Every entry the query's conditions select, read whole (in pages of {@link
   * LdapReader#PAGE_SIZE}), then sorted and cut here: LDAP's paged-results cookie lives only as
   * long as one connection and most schemas give display names no ordering rule, so the page after
   * a cursor cannot be asked of the server itself (decision 0023). The LDAP filter selects; each
   * principal is checked again against {@link DirectoryQuery#matches}, so the answer is what
   * Steward shows (the display name falls back to the common name, then the login) and the count is
   * exact.
   */
  @Override
  public Future<DirectoryPage> list(DirectoryQuery query) {
    if (query.displayNameEquals().filter(String::isEmpty).isPresent()
        || query.mailEquals().filter(String::isEmpty).isPresent()) {
      // An empty assertion value is invalid in most syntaxes, and no principal shows an empty
      // display name or is found by an empty mail.
      return Future.succeededFuture(DirectoryPage.of(query, List.of()));
    }
    return blocking(
        "list",
        () -> {
          boolean users = query.type() == PrincipalType.USER;
          // $search reaches attributes a principal does not show (cn, every login attribute):
          // the directory alone decides it; the filter's conditions are checked again here.
          DirectoryQuery shown = query.withSearch("");
          List<Principal> found = new ArrayList<>();
          for (SearchResultEntry e :
              reader.search(
                  users ? s.userBaseDn() : s.groupBaseDn(),
                  filter(query),
                  0,
                  entries.attributes())) {
            entries.toPrincipal(e).filter(shown::matches).ifPresent(found::add);
          }
          return DirectoryPage.of(query, found);
        });
  }

  /** The LDAP filter of a query, built only with the SDK's factories, which escape every value. */
  Filter filter(DirectoryQuery query) {
    boolean users = query.type() == PrincipalType.USER;
    List<Filter> all = new ArrayList<>();
    all.add(users ? entries.userKind() : entries.groupKind());
    query.displayNameEquals().ifPresent(v -> all.add(displayName(users, v, false)));
    query
        .displayNameStartsWith()
        .filter(v -> !v.isEmpty())
        .ifPresent(v -> all.add(displayName(users, v, true)));
    query.mailEquals().ifPresent(v -> all.add(Filter.createEqualityFilter(s.mailAttribute(), v)));
    if (!query.ids().isEmpty()) {
      List<Filter> any = new ArrayList<>();
      query.ids().forEach(id -> any.add(ids.filter(id)));
      all.add(Filter.createORFilter(any));
    }
    if (!query.search().isEmpty()) {
      all.add(searchFor(users, query.search()));
    }
    return Filter.createANDFilter(all);
  }

  /**
   * The display name as Steward shows it: the display name attribute, else the common name, else
   * (users) the login; equal to the value, or starting with it.
   */
  private Filter displayName(boolean users, String value, boolean start) {
    String name = s.displayNameAttribute();
    String cn = s.groupNameAttribute();
    String login = users ? s.loginAttribute() : cn;
    Filter noName = Filter.createNOTFilter(Filter.createPresenceFilter(name));
    Filter noCn = Filter.createNOTFilter(Filter.createPresenceFilter(cn));
    return Filter.createORFilter(
        compare(name, value, start),
        Filter.createANDFilter(noName, compare(cn, value, start)),
        Filter.createANDFilter(noName, noCn, compare(login, value, start)));
  }

  private static Filter compare(String attribute, String value, boolean start) {
    return start
        ? Filter.createSubInitialFilter(attribute, value)
        : Filter.createEqualityFilter(attribute, value);
  }

  @Override
  public Future<List<Principal>> membersOf(PrincipalId group, int limit) {
    return blocking(
        "membersOf",
        () -> {
          Optional<SearchResultEntry> start = entries.findEntry(group);
          List<Principal> found = new ArrayList<>();
          if (start.isEmpty() || !entries.isGroup(start.get())) {
            return found;
          }
          if (s.nesting() == Nesting.IN_CHAIN) {
            Filter chain =
                Filter.createExtensibleMatchFilter(
                    "memberOf", MembershipResolver.IN_CHAIN, false, start.get().getDN());
            for (SearchResultEntry e :
                reader.search(
                    s.userBaseDn(),
                    Filter.createANDFilter(entries.userKind(), chain),
                    limit,
                    entries.attributes())) {
              entries.toPrincipal(e).ifPresent(found::add);
            }
            return found;
          }
          walkMembers(start.get(), limit, found);
          return found;
        });
  }

  /** Reads the group's members and the members of the groups among them, depth first. */
  private void walkMembers(SearchResultEntry group, int limit, List<Principal> found)
      throws LDAPException {
    Set<String> seen = new HashSet<>();
    Deque<SearchResultEntry> groups = new ArrayDeque<>(List.of(group));
    int visited = 0;
    while (!groups.isEmpty() && found.size() < limit && visited++ < MAX_NESTING * 64) {
      SearchResultEntry g = groups.pop();
      for (String memberDn : reader.values(g.getDN(), entries.memberAttributeOf(g).orElseThrow())) {
        if (!seen.add(new DN(memberDn).toNormalizedString())) {
          continue;
        }
        Optional<SearchResultEntry> member = entries.entryAt(memberDn);
        Optional<Principal> p = member.flatMap(entries::toPrincipal);
        if (p.isPresent() && p.get().isUser() && found.size() < limit) {
          found.add(p.get());
        } else if (p.isPresent() && !p.get().isUser()) {
          groups.push(member.get());
        }
      }
    }
  }

  @Override
  public Future<Set<PrincipalId>> ownersOf(PrincipalId group) {
    return blocking(
        "ownersOf",
        () -> {
          Optional<SearchResultEntry> g = entries.findEntry(group);
          Set<PrincipalId> owners = new HashSet<>();
          if (g.isEmpty() || !entries.isGroup(g.get())) {
            return owners;
          }
          for (String ownerDn : reader.values(g.get().getDN(), s.ownerAttribute())) {
            entries
                .entryAt(ownerDn)
                .flatMap(entries::toPrincipal)
                .filter(Principal::isUser)
                .ifPresent(p -> owners.add(p.id()));
          }
          return owners;
        });
  }

  @Override
  public Future<Optional<PrincipalId>> managerOf(PrincipalId user) {
    return blocking(
        "managerOf",
        () -> {
          Optional<SearchResultEntry> u = entries.findEntry(user);
          if (u.isEmpty() || entries.isGroup(u.get())) {
            return Optional.empty();
          }
          List<String> manager = reader.values(u.get().getDN(), s.managerAttribute());
          return manager.isEmpty()
              ? Optional.empty()
              : entries
                  .entryAt(manager.get(0))
                  .flatMap(entries::toPrincipal)
                  .filter(Principal::isUser)
                  .map(Principal::id);
        });
  }

  /** An attribute that holds one value (AD's {@code managedBy}) cannot be granted to many. */
  @Override
  public boolean grantable(ResourceRole role) {
    return role == ResourceRole.MEMBER || !singleOwner;
  }

  /** The group's member attribute (by its class) or the owner attribute. */
  private String attributeFor(SearchResultEntry group, ResourceRole role) {
    return role == ResourceRole.MEMBER
        ? entries.memberAttributeOf(group).orElseThrow()
        : s.ownerAttribute();
  }

  @Override
  public Future<Void> addToGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "addToGroup",
        () -> {
          SearchResultEntry g = entries.require(group, true);
          String userDn = entries.require(user, false).getDN();
          writer.add(g.getDN(), attributeFor(g, role), userDn);
          memberships.forget(user);
          return null;
        });
  }

  @Override
  public Future<Void> removeFromGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "removeFromGroup",
        () -> {
          SearchResultEntry g = entries.require(group, true);
          String userDn = entries.require(user, false).getDN();
          writer.remove(g.getDN(), attributeFor(g, role), userDn, role == ResourceRole.MEMBER);
          memberships.forget(user);
          return null;
        });
  }

  /**
   * Reads what marks an account disabled — AD's {@code userAccountControl} bit 2, 389's {@code
   * nsAccountLock}, OpenLDAP ppolicy's {@code pwdAccountLockedTime} — and AD's {@code
   * lastLogonTimestamp}, for access review recommendations.
   */
  @Override
  public Future<Optional<AccountState>> accountOf(PrincipalId user) {
    return blocking(
        "accountOf",
        () -> {
          Optional<SearchResultEntry> u = entries.findEntry(user);
          if (u.isEmpty() || entries.isGroup(u.get())) {
            return Optional.<AccountState>empty();
          }
          SearchResultEntry e =
              pool.getEntry(
                  u.get().getDN(),
                  "userAccountControl",
                  "lastLogonTimestamp",
                  "nsAccountLock",
                  "pwdAccountLockedTime");
          return Optional.of(AccountStates.of(e));
        });
  }

  /** Whether the directory answers; for readiness checks. */
  public Future<Boolean> isReachable() {
    return blocking("isReachable", () -> pool.getRootDSE() != null);
  }

  @Override
  public void close() {
    pool.close();
    workers.close();
  }
}
