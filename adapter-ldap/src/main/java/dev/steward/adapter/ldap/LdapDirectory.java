package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory port over LDAP with the UnboundID SDK: a pool of connections bound as Steward's
 * service account, blocking calls on a worker pool of their own (never on the event loop), and
 * filters built only with the SDK's filter factories.
 */
public final class LdapDirectory implements Directory, AutoCloseable {
  /** Nested groups deeper than this are not followed (and a cycle stops here too). */
  static final int MAX_NESTING = 16;

  private static final int MAX_CACHED_MEMBERSHIPS = 10_000;

  private final LdapSettings s;
  private final LDAPConnectionPool pool;
  private final WorkerExecutor workers;
  private final String[] attributes;
  private final Map<PrincipalId, Cached> memberships = new ConcurrentHashMap<>();
  private final SingleFlight<PrincipalId, Membership> membershipLookups = new SingleFlight<>();
  private final SingleFlight<PrincipalId, Optional<Principal>> principalLookups =
      new SingleFlight<>();

  private record Cached(Membership membership, long expiresAtNanos) {}

  public LdapDirectory(Vertx vertx, LdapSettings settings) throws LDAPException {
    this.s = settings;
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(3_000);
    options.setResponseTimeoutMillis(5_000);
    options.setAbandonOnTimeout(true);
    SimpleBindRequest bind =
        s.bindDn() == null || s.bindDn().isEmpty()
            ? null
            : new SimpleBindRequest(s.bindDn(), s.bindPassword());
    this.pool = pool(s, options, bind);
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    pool.setConnectionPoolName("steward-ldap");
    this.workers = vertx.createSharedWorkerExecutor("steward-ldap", s.poolSize() * 2);
    this.attributes =
        new String[] {
          s.idAttribute(),
          "objectClass",
          s.loginAttribute(),
          s.groupNameAttribute(),
          s.displayNameAttribute(),
          s.mailAttribute()
        };
  }

  /** A pool over plain LDAP, LDAPS, or LDAP upgraded with StartTLS before the bind. */
  private static LDAPConnectionPool pool(
      LdapSettings s, LDAPConnectionOptions options, SimpleBindRequest bind) throws LDAPException {
    if (s.tls() == LdapSettings.Tls.NONE) {
      return new LDAPConnectionPool(
          new SingleServerSet(s.host(), s.port(), options), bind, 1, s.poolSize());
    }
    try {
      com.unboundid.util.ssl.SSLUtil ssl =
          new com.unboundid.util.ssl.SSLUtil(
              s.trustStore() == null || s.trustStore().isEmpty()
                  ? com.unboundid.util.ssl.JVMDefaultTrustManager.getInstance()
                  : new com.unboundid.util.ssl.TrustStoreTrustManager(
                      s.trustStore(),
                      s.trustStorePassword() == null ? null : s.trustStorePassword().toCharArray(),
                      null,
                      true));
      // The directory's certificate must name the host Steward connects to.
      options.setSSLSocketVerifier(new com.unboundid.util.ssl.HostNameSSLSocketVerifier(true));
      if (s.tls() == LdapSettings.Tls.LDAPS) {
        return new LDAPConnectionPool(
            new SingleServerSet(s.host(), s.port(), ssl.createSSLSocketFactory(), options),
            bind,
            1,
            s.poolSize());
      }
      return new LDAPConnectionPool(
          new SingleServerSet(s.host(), s.port(), options),
          bind,
          1,
          s.poolSize(),
          new com.unboundid.ldap.sdk.StartTLSPostConnectProcessor(ssl.createSSLContext()));
    } catch (java.security.GeneralSecurityException e) {
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, "cannot set up TLS to the directory: " + e.getMessage(), e);
    }
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

  // ---- mapping ----

  private Optional<Principal> toPrincipal(SearchResultEntry e) {
    String id = e.getAttributeValue(s.idAttribute());
    if (!Guid.isValid(id)) {
      return Optional.empty();
    }
    boolean user = e.hasObjectClass(s.userObjectClass());
    boolean group = e.hasObjectClass(s.groupObjectClass());
    if (!user && !group) {
      return Optional.empty();
    }
    String name = e.getAttributeValue(s.displayNameAttribute());
    String cn = e.getAttributeValue(s.groupNameAttribute());
    String login = user ? e.getAttributeValue(s.loginAttribute()) : cn;
    return Optional.of(
        new Principal(
            new PrincipalId(id),
            user ? PrincipalType.USER : PrincipalType.GROUP,
            name != null ? name : (cn != null ? cn : login),
            login,
            e.getAttributeValue(s.mailAttribute())));
  }

  private Filter userClass() {
    return Filter.createEqualityFilter("objectClass", s.userObjectClass());
  }

  private Filter groupClass() {
    return Filter.createEqualityFilter("objectClass", s.groupObjectClass());
  }

  private List<SearchResultEntry> search(String base, Filter filter, int sizeLimit, String... attrs)
      throws LDAPException {
    SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attrs);
    request.setSizeLimit(sizeLimit);
    request.setTimeLimitSeconds(5);
    try {
      return pool.search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        return e.getSearchEntries();
      }
      throw e;
    }
  }

  private Optional<SearchResultEntry> findEntry(PrincipalId id) throws LDAPException {
    Filter byId = Filter.createEqualityFilter(s.idAttribute(), id.value());
    List<SearchResultEntry> users =
        search(s.userBaseDn(), Filter.createANDFilter(userClass(), byId), 1, attributes);
    if (!users.isEmpty()) {
      return Optional.of(users.get(0));
    }
    List<SearchResultEntry> groups =
        search(s.groupBaseDn(), Filter.createANDFilter(groupClass(), byId), 1, attributes);
    return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0));
  }

  private Optional<SearchResultEntry> userByLogin(String login) throws LDAPException {
    List<SearchResultEntry> found =
        search(
            s.userBaseDn(),
            Filter.createANDFilter(
                userClass(), Filter.createEqualityFilter(s.loginAttribute(), login)),
            2,
            attributes);
    // A login that matches two entries is ambiguous: nobody signs in with it.
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  // ---- the port ----

  private record CachedPrincipal(Principal principal, long expiresAtNanos) {}

  private final Map<PrincipalId, CachedPrincipal> principals = new ConcurrentHashMap<>();

  /**
   * Finds a user or group; found ones are remembered for the membership TTL (names and mail change
   * rarely; who holds which role is never taken from here).
   */
  @Override
  public Future<Optional<Principal>> find(PrincipalId id) {
    CachedPrincipal cached = principals.get(id);
    if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
      return Future.succeededFuture(Optional.of(cached.principal()));
    }
    return principalLookups.load(
        id,
        () ->
            blocking("find", () -> findEntry(id).flatMap(this::toPrincipal))
                .onSuccess(
                    found ->
                        found.ifPresent(
                            p -> {
                              if (!s.membershipCacheTtl().isZero()) {
                                if (principals.size() > MAX_CACHED_MEMBERSHIPS) {
                                  principals.clear();
                                }
                                principals.put(
                                    id,
                                    new CachedPrincipal(
                                        p, System.nanoTime() + s.membershipCacheTtl().toNanos()));
                              }
                            })));
  }

  @Override
  public Future<Optional<Principal>> findUserByLogin(String login) {
    return blocking("findUserByLogin", () -> userByLogin(login).flatMap(this::toPrincipal));
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
          Optional<SearchResultEntry> entry = userByLogin(login);
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
          return toPrincipal(entry.get());
        });
  }

  @Override
  public Future<Membership> membershipOf(PrincipalId user) {
    Cached cached = memberships.get(user);
    if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
      return Future.succeededFuture(cached.membership());
    }
    return membershipLookups.load(
        user,
        () ->
            blocking("membershipOf", () -> resolveMembership(user))
                .onSuccess(
                    m -> {
                      if (!s.membershipCacheTtl().isZero()) {
                        if (memberships.size() > MAX_CACHED_MEMBERSHIPS) {
                          memberships.clear();
                        }
                        memberships.put(
                            user,
                            new Cached(m, System.nanoTime() + s.membershipCacheTtl().toNanos()));
                      }
                    }));
  }

  /** Walks up from the user through every group that lists it, level by level. */
  private Membership resolveMembership(PrincipalId user) throws LDAPException {
    Optional<SearchResultEntry> entry = findEntry(user);
    if (entry.isEmpty()) {
      return Membership.none();
    }
    Map<DN, PrincipalId> groups = new LinkedHashMap<>();
    Set<DN> frontier = Set.of(entry.get().getParsedDN());
    for (int depth = 0; depth < MAX_NESTING && !frontier.isEmpty(); depth++) {
      List<Filter> members = new ArrayList<>();
      for (DN dn : frontier) {
        members.add(Filter.createEqualityFilter(s.memberAttribute(), dn.toString()));
      }
      Set<DN> next = new HashSet<>();
      for (SearchResultEntry g :
          search(
              s.groupBaseDn(),
              Filter.createANDFilter(groupClass(), Filter.createORFilter(members)),
              0,
              s.idAttribute())) {
        String id = g.getAttributeValue(s.idAttribute());
        DN dn = g.getParsedDN();
        if (Guid.isValid(id) && !groups.containsKey(dn)) {
          groups.put(dn, new PrincipalId(id));
          next.add(dn);
        }
      }
      frontier = next;
    }
    Map<RoleDefinition, PrincipalId> roles = new HashMap<>();
    for (var configured : s.directoryRoleGroups().entrySet()) {
      PrincipalId group = groups.get(new DN(configured.getValue()));
      if (group != null) {
        roles.put(configured.getKey(), group);
      }
    }
    return new Membership(new HashSet<>(groups.values()), roles);
  }

  @Override
  public Future<List<Principal>> search(PrincipalType type, String text, int limit) {
    return blocking(
        "search",
        () -> {
          boolean users = type == PrincipalType.USER;
          Filter kind = users ? userClass() : groupClass();
          Filter filter = kind;
          if (!text.isEmpty()) {
            List<Filter> any = new ArrayList<>();
            any.add(Filter.createSubInitialFilter(s.displayNameAttribute(), text));
            any.add(Filter.createSubInitialFilter(s.groupNameAttribute(), text));
            if (users) {
              any.add(Filter.createSubInitialFilter(s.loginAttribute(), text));
              any.add(Filter.createSubInitialFilter(s.mailAttribute(), text));
            }
            filter = Filter.createANDFilter(kind, Filter.createORFilter(any));
          }
          List<Principal> found = new ArrayList<>();
          for (SearchResultEntry e :
              search(users ? s.userBaseDn() : s.groupBaseDn(), filter, limit, attributes)) {
            toPrincipal(e).ifPresent(found::add);
          }
          found.sort(java.util.Comparator.comparing(Principal::displayName));
          return found;
        });
  }

  @Override
  public Future<List<Principal>> membersOf(PrincipalId group, int limit) {
    return blocking(
        "membersOf",
        () -> {
          Optional<SearchResultEntry> start = findEntry(group);
          List<Principal> found = new ArrayList<>();
          if (start.isEmpty()) {
            return found;
          }
          Set<String> seen = new HashSet<>();
          Deque<String> groups = new ArrayDeque<>(List.of(start.get().getDN()));
          int depth = 0;
          while (!groups.isEmpty() && found.size() < limit && depth++ < MAX_NESTING * 64) {
            SearchResultEntry g = pool.getEntry(groups.pop(), s.memberAttribute());
            if (g == null || !g.hasAttribute(s.memberAttribute())) {
              continue;
            }
            for (String memberDn : g.getAttributeValues(s.memberAttribute())) {
              if (!seen.add(new DN(memberDn).toNormalizedString())) {
                continue;
              }
              SearchResultEntry m = pool.getEntry(memberDn, attributes);
              if (m == null) {
                continue;
              }
              Optional<Principal> p = toPrincipal(m);
              if (p.isPresent() && p.get().isUser() && found.size() < limit) {
                found.add(p.get());
              } else if (p.isPresent()) {
                groups.push(memberDn);
              }
            }
          }
          return found;
        });
  }

  @Override
  public Future<Set<PrincipalId>> ownersOf(PrincipalId group) {
    return blocking(
        "ownersOf",
        () -> {
          Optional<SearchResultEntry> g = findEntry(group);
          Set<PrincipalId> owners = new HashSet<>();
          if (g.isEmpty() || !g.get().hasObjectClass(s.groupObjectClass())) {
            return owners;
          }
          SearchResultEntry withOwners = pool.getEntry(g.get().getDN(), s.ownerAttribute());
          if (withOwners == null || !withOwners.hasAttribute(s.ownerAttribute())) {
            return owners;
          }
          for (String ownerDn : withOwners.getAttributeValues(s.ownerAttribute())) {
            SearchResultEntry owner = pool.getEntry(ownerDn, attributes);
            if (owner != null) {
              toPrincipal(owner).filter(Principal::isUser).ifPresent(p -> owners.add(p.id()));
            }
          }
          return owners;
        });
  }

  @Override
  public Future<Optional<PrincipalId>> managerOf(PrincipalId user) {
    return blocking(
        "managerOf",
        () -> {
          Optional<SearchResultEntry> u = findEntry(user);
          if (u.isEmpty() || !u.get().hasObjectClass(s.userObjectClass())) {
            return Optional.empty();
          }
          SearchResultEntry withManager = pool.getEntry(u.get().getDN(), s.managerAttribute());
          String managerDn =
              withManager == null ? null : withManager.getAttributeValue(s.managerAttribute());
          if (managerDn == null) {
            return Optional.empty();
          }
          SearchResultEntry manager = pool.getEntry(managerDn, attributes);
          return manager == null
              ? Optional.empty()
              : toPrincipal(manager).filter(Principal::isUser).map(Principal::id);
        });
  }

  private String attributeFor(ResourceRole role) {
    return role == ResourceRole.MEMBER ? s.memberAttribute() : s.ownerAttribute();
  }

  /** The DNs of a group and a user, both required to exist with the right object classes. */
  private String[] dns(PrincipalId group, PrincipalId user) throws LDAPException {
    SearchResultEntry g =
        findEntry(group)
            .filter(e -> e.hasObjectClass(s.groupObjectClass()))
            .orElseThrow(
                () -> new LDAPException(ResultCode.NO_SUCH_OBJECT, "no group with id " + group));
    SearchResultEntry u =
        findEntry(user)
            .filter(e -> e.hasObjectClass(s.userObjectClass()))
            .orElseThrow(
                () -> new LDAPException(ResultCode.NO_SUCH_OBJECT, "no user with id " + user));
    return new String[] {g.getDN(), u.getDN()};
  }

  @Override
  public Future<Void> addToGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "addToGroup",
        () -> {
          String[] dn = dns(group, user);
          try {
            pool.modify(dn[0], new Modification(ModificationType.ADD, attributeFor(role), dn[1]));
          } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS) {
              throw e;
            }
          }
          memberships.remove(user);
          return null;
        });
  }

  @Override
  public Future<Void> removeFromGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "removeFromGroup",
        () -> {
          String[] dn = dns(group, user);
          String attribute = attributeFor(role);
          try {
            pool.modify(dn[0], new Modification(ModificationType.DELETE, attribute, dn[1]));
          } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.OBJECT_CLASS_VIOLATION
                && role == ResourceRole.MEMBER) {
              // groupOfNames must keep one member: the group itself stands in for nobody, in the
              // same atomic change.
              pool.modify(
                  dn[0],
                  new Modification(ModificationType.ADD, attribute, dn[0]),
                  new Modification(ModificationType.DELETE, attribute, dn[1]));
            } else if (e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE) {
              throw e;
            }
          }
          memberships.remove(user);
          return null;
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
