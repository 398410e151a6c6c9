package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.steward.adapter.ldap.LdapSettings.Nesting;
import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.application.port.out.directory.Directory;
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
  private final String[] attributes;
  private final IdCodec ids;
  private final LdapReader reader;
  private final GroupWriter writer;
  private final MembershipResolver resolver;
  private final Filter userKind;
  private final Filter groupKind;
  private final boolean singleOwner;
  private final String netbiosDomain;
  private final TtlCache<PrincipalId, Membership> memberships;
  private final TtlCache<PrincipalId, Optional<Principal>> principals;

  public LdapDirectory(Vertx vertx, LdapSettings settings) throws LDAPException {
    this.s = settings;
    this.userKind = kind(s.userObjectClass(), s.userFilter(), "user");
    this.groupKind = kind(s.groupObjectClass(), s.groupFilter(), "group");
    this.pool = LdapPools.open(s);
    try {
      this.ids = new IdCodec(s.idAttribute(), s.idFormat());
      this.reader = new LdapReader(pool);
      this.writer = new GroupWriter(pool);
      this.resolver = new MembershipResolver(s, reader, ids, groupKind);
      this.singleOwner = GroupWriter.singleValued(pool, s.ownerAttribute());
      this.netbiosDomain =
          !s.netbiosDomain().isEmpty() || s.type() != DirectoryType.ACTIVE_DIRECTORY
              ? s.netbiosDomain()
              : netbiosDomainOf(pool, reader);
    } catch (LDAPException | RuntimeException e) {
      pool.close();
      throw e;
    }
    this.workers = vertx.createSharedWorkerExecutor("steward-ldap", s.poolSize() * 2);
    this.memberships = new TtlCache<>(s.membershipCacheTtl());
    this.principals = new TtlCache<>(s.membershipCacheTtl());
    Set<String> wanted = new LinkedHashSet<>();
    wanted.add(s.idAttribute());
    wanted.add("objectClass");
    wanted.addAll(s.loginAttributes());
    for (String a :
        List.of(
            s.groupNameAttribute(),
            s.displayNameAttribute(),
            s.mailAttribute(),
            s.upnAttribute(),
            s.descriptionAttribute())) {
      if (!a.isEmpty()) {
        wanted.add(a);
      }
    }
    this.attributes = wanted.toArray(String[]::new);
  }

  /** The object class, and the configured filter when there is one. */
  private static Filter kind(String objectClass, String extra, String what) throws LDAPException {
    Filter cls = Filter.createEqualityFilter("objectClass", objectClass);
    if (extra.isEmpty()) {
      return cls;
    }
    try {
      return Filter.createANDFilter(cls, Filter.create(extra));
    } catch (LDAPException e) {
      throw new IllegalArgumentException(
          "the " + what + " filter '" + extra + "' is not an LDAP filter: " + e.getMessage(), e);
    }
  }

  /** The domain's NetBIOS name from AD's partitions container, for DOMAIN\name logins. */
  private static String netbiosDomainOf(LDAPConnectionPool pool, LdapReader reader)
      throws LDAPException {
    RootDSE root = pool.getRootDSE();
    String config = root == null ? null : root.getAttributeValue("configurationNamingContext");
    String domain = root == null ? null : root.getAttributeValue("defaultNamingContext");
    if (config == null || domain == null) {
      return "";
    }
    for (SearchResultEntry partition :
        reader.search(
            "CN=Partitions," + config,
            Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "crossRef"),
                Filter.createEqualityFilter("nCName", domain)),
            1,
            "nETBIOSName")) {
      String name = partition.getAttributeValue("nETBIOSName");
      return name == null ? "" : name;
    }
    return "";
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
  long readRequests() {
    return reader.requests();
  }

  /** The NetBIOS domain that DOMAIN\name logins must name; empty when there is none. */
  public String netbiosDomain() {
    return netbiosDomain;
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
    Optional<PrincipalId> id = ids.read(e);
    boolean group = e.hasObjectClass(s.groupObjectClass());
    boolean user = !group && e.hasObjectClass(s.userObjectClass());
    if (id.isEmpty() || (!user && !group)) {
      return Optional.empty();
    }
    String name = e.getAttributeValue(s.displayNameAttribute());
    String cn = e.getAttributeValue(s.groupNameAttribute());
    String login = user ? e.getAttributeValue(s.loginAttribute()) : cn;
    return Optional.of(
        new Principal(
            id.get(),
            user ? PrincipalType.USER : PrincipalType.GROUP,
            name != null ? name : (cn != null ? cn : login),
            login,
            e.getAttributeValue(s.mailAttribute()),
            user && !s.upnAttribute().isEmpty() ? e.getAttributeValue(s.upnAttribute()) : null,
            group && !s.descriptionAttribute().isEmpty()
                ? e.getAttributeValue(s.descriptionAttribute())
                : null));
  }

  /** The user or group entry at a DN, if it is one of the kinds Steward knows. */
  private Optional<SearchResultEntry> entryAt(String dn) throws LDAPException {
    SearchRequest request =
        new SearchRequest(
            dn, SearchScope.BASE, Filter.createORFilter(userKind, groupKind), attributes);
    try {
      List<SearchResultEntry> found = pool.search(request).getSearchEntries();
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<SearchResultEntry> findEntry(PrincipalId id) throws LDAPException {
    Filter byId = ids.filter(id);
    List<SearchResultEntry> users =
        reader.search(s.userBaseDn(), Filter.createANDFilter(userKind, byId), 1, attributes);
    if (!users.isEmpty()) {
      return Optional.of(users.get(0));
    }
    List<SearchResultEntry> groups =
        reader.search(s.groupBaseDn(), Filter.createANDFilter(groupKind, byId), 1, attributes);
    return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0));
  }

  private Optional<SearchResultEntry> findEntry(PrincipalId id, Filter kind, String what)
      throws LDAPException {
    Optional<SearchResultEntry> e = findEntry(id);
    boolean group = e.isPresent() && e.get().hasObjectClass(s.groupObjectClass());
    if (e.isEmpty() || group != (kind == groupKind)) {
      throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "no " + what + " with id " + id);
    }
    return e;
  }

  /**
   * The one user a login names: any login attribute's value, or {@code DOMAIN\name} for the
   * domain's own NetBIOS name. A login that matches two entries is ambiguous: nobody signs in.
   */
  private Optional<SearchResultEntry> userByLogin(String login) throws LDAPException {
    Filter byLogin;
    int slash = login.indexOf('\\');
    if (slash >= 0) {
      if (netbiosDomain.isEmpty() || !netbiosDomain.equalsIgnoreCase(login.substring(0, slash))) {
        return Optional.empty();
      }
      byLogin = Filter.createEqualityFilter(s.loginAttribute(), login.substring(slash + 1));
    } else {
      List<Filter> any = new ArrayList<>();
      for (String attribute : s.loginAttributes()) {
        any.add(Filter.createEqualityFilter(attribute, login));
      }
      byLogin = any.size() == 1 ? any.get(0) : Filter.createORFilter(any);
    }
    List<SearchResultEntry> found =
        reader.search(s.userBaseDn(), Filter.createANDFilter(userKind, byLogin), 2, attributes);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
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
        () -> blocking("find", () -> findEntry(id).flatMap(this::toPrincipal)),
        Optional::isPresent);
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
    return memberships.load(
        user,
        () ->
            blocking(
                "membershipOf",
                () -> {
                  Optional<SearchResultEntry> entry = findEntry(user);
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
          Filter kind = users ? userKind : groupKind;
          Filter filter = kind;
          if (!text.isEmpty()) {
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
            filter = Filter.createANDFilter(kind, Filter.createORFilter(any));
          }
          List<Principal> found = new ArrayList<>();
          for (SearchResultEntry e :
              reader.search(users ? s.userBaseDn() : s.groupBaseDn(), filter, limit, attributes)) {
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
          if (start.isEmpty() || !start.get().hasObjectClass(s.groupObjectClass())) {
            return found;
          }
          if (s.nesting() == Nesting.IN_CHAIN) {
            Filter chain =
                Filter.createExtensibleMatchFilter(
                    "memberOf", MembershipResolver.IN_CHAIN, false, start.get().getDN());
            for (SearchResultEntry e :
                reader.search(
                    s.userBaseDn(), Filter.createANDFilter(userKind, chain), limit, attributes)) {
              toPrincipal(e).ifPresent(found::add);
            }
            return found;
          }
          walkMembers(start.get().getDN(), limit, found);
          return found;
        });
  }

  /** Reads the group's members and the members of the groups among them, depth first. */
  private void walkMembers(String groupDn, int limit, List<Principal> found) throws LDAPException {
    Set<String> seen = new HashSet<>();
    Deque<String> groups = new ArrayDeque<>(List.of(groupDn));
    int visited = 0;
    while (!groups.isEmpty() && found.size() < limit && visited++ < MAX_NESTING * 64) {
      for (String memberDn : reader.values(groups.pop(), s.memberAttribute())) {
        if (!seen.add(new DN(memberDn).toNormalizedString())) {
          continue;
        }
        Optional<Principal> p = entryAt(memberDn).flatMap(this::toPrincipal);
        if (p.isPresent() && p.get().isUser() && found.size() < limit) {
          found.add(p.get());
        } else if (p.isPresent() && !p.get().isUser()) {
          groups.push(memberDn);
        }
      }
    }
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
          for (String ownerDn : reader.values(g.get().getDN(), s.ownerAttribute())) {
            entryAt(ownerDn)
                .flatMap(this::toPrincipal)
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
          Optional<SearchResultEntry> u = findEntry(user);
          if (u.isEmpty() || u.get().hasObjectClass(s.groupObjectClass())) {
            return Optional.empty();
          }
          List<String> manager = reader.values(u.get().getDN(), s.managerAttribute());
          return manager.isEmpty()
              ? Optional.empty()
              : entryAt(manager.get(0))
                  .flatMap(this::toPrincipal)
                  .filter(Principal::isUser)
                  .map(Principal::id);
        });
  }

  /** An attribute that holds one value (AD's {@code managedBy}) cannot be granted to many. */
  @Override
  public boolean grantable(ResourceRole role) {
    return role == ResourceRole.MEMBER || !singleOwner;
  }

  private String attributeFor(ResourceRole role) {
    return role == ResourceRole.MEMBER ? s.memberAttribute() : s.ownerAttribute();
  }

  @Override
  public Future<Void> addToGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "addToGroup",
        () -> {
          String groupDn = findEntry(group, groupKind, "group").get().getDN();
          String userDn = findEntry(user, userKind, "user").get().getDN();
          writer.add(groupDn, attributeFor(role), userDn);
          memberships.forget(user);
          return null;
        });
  }

  @Override
  public Future<Void> removeFromGroup(PrincipalId group, PrincipalId user, ResourceRole role) {
    return blocking(
        "removeFromGroup",
        () -> {
          String groupDn = findEntry(group, groupKind, "group").get().getDN();
          String userDn = findEntry(user, userKind, "user").get().getDN();
          writer.remove(groupDn, attributeFor(role), userDn, role == ResourceRole.MEMBER);
          memberships.forget(user);
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
