package dev.steward.application.fakes;

import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.application.port.out.directory.Membership;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A directory in memory: users with passwords, groups with members (users or groups). */
public final class FakeDirectory implements Directory {
  private final Map<PrincipalId, Principal> principals = new LinkedHashMap<>();
  private final Map<PrincipalId, String> passwords = new HashMap<>();
  private final Map<PrincipalId, Set<PrincipalId>> members = new HashMap<>();
  private final Map<RoleDefinition, PrincipalId> directoryRoleGroups = new HashMap<>();

  public synchronized Principal addUser(String login, String password) {
    Principal p =
        new Principal(
            new PrincipalId(Guid.random()),
            PrincipalType.USER,
            login,
            login,
            login + "@example.org");
    principals.put(p.id(), p);
    passwords.put(p.id(), password);
    return p;
  }

  /** A user whose display name is not its login, as most directories have them. */
  public synchronized Principal addUser(String login, String password, String displayName) {
    Principal p =
        new Principal(
            new PrincipalId(Guid.random()),
            PrincipalType.USER,
            displayName,
            login,
            login + "@example.org");
    principals.put(p.id(), p);
    passwords.put(p.id(), password);
    return p;
  }

  public synchronized Principal addGroup(String name, Principal... groupMembers) {
    Principal g =
        new Principal(new PrincipalId(Guid.random()), PrincipalType.GROUP, name, name, "");
    principals.put(g.id(), g);
    members.put(g.id(), new HashSet<>());
    for (Principal m : groupMembers) {
      members.get(g.id()).add(m.id());
    }
    return g;
  }

  public synchronized void addMember(Principal group, Principal member) {
    members.get(group.id()).add(member.id());
  }

  public synchronized void removeMember(Principal group, Principal member) {
    members.get(group.id()).remove(member.id());
  }

  public synchronized void remove(Principal p) {
    principals.remove(p.id());
    members.values().forEach(m -> m.remove(p.id()));
  }

  private final Map<PrincipalId, Set<PrincipalId>> owners = new HashMap<>();

  /** Names a user in the group's owner attribute. */
  private volatile boolean singleOwner;

  /** Makes the owner attribute hold one value, as AD's managedBy does. */
  public void ownersHoldOneValue(boolean single) {
    this.singleOwner = single;
  }

  @Override
  public boolean grantable(dev.steward.domain.ResourceRole role) {
    return role == dev.steward.domain.ResourceRole.MEMBER || !singleOwner;
  }

  public synchronized void addOwner(Principal group, Principal owner) {
    owners.computeIfAbsent(group.id(), g -> new HashSet<>()).add(owner.id());
  }

  @Override
  public synchronized Future<Set<PrincipalId>> ownersOf(PrincipalId group) {
    return Future.succeededFuture(Set.copyOf(owners.getOrDefault(group, Set.of())));
  }

  private final Map<PrincipalId, PrincipalId> managers = new HashMap<>();
  private final java.util.Set<PrincipalId> unreachable = new HashSet<>();

  public synchronized void setManager(Principal user, Principal manager) {
    managers.put(user.id(), manager.id());
  }

  /** Writes to this group fail, as if the directory refused them. */
  public synchronized void failWritesTo(Principal group, boolean fail) {
    if (fail) {
      unreachable.add(group.id());
    } else {
      unreachable.remove(group.id());
    }
  }

  public synchronized boolean isDirectMember(Principal group, Principal user) {
    return members.get(group.id()).contains(user.id());
  }

  @Override
  public synchronized Future<Optional<PrincipalId>> managerOf(PrincipalId user) {
    return Future.succeededFuture(
        Optional.ofNullable(managers.get(user)).filter(principals::containsKey));
  }

  @Override
  public synchronized Future<Void> addToGroup(
      PrincipalId group, PrincipalId user, dev.steward.domain.ResourceRole role) {
    if (unreachable.contains(group)) {
      return Future.failedFuture(new IllegalStateException("directory refused the change"));
    }
    if (role == dev.steward.domain.ResourceRole.MEMBER) {
      members.get(group).add(user);
    } else {
      owners.computeIfAbsent(group, g -> new HashSet<>()).add(user);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> removeFromGroup(
      PrincipalId group, PrincipalId user, dev.steward.domain.ResourceRole role) {
    if (unreachable.contains(group)) {
      return Future.failedFuture(new IllegalStateException("directory refused the change"));
    }
    if (role == dev.steward.domain.ResourceRole.MEMBER) {
      members.get(group).remove(user);
    } else {
      owners.getOrDefault(group, new HashSet<>()).remove(user);
    }
    return Future.succeededFuture();
  }

  /** Members of this group hold the directory role. */
  public synchronized void grantDirectoryRole(RoleDefinition role, Principal group) {
    directoryRoleGroups.put(role, group.id());
  }

  private RuntimeException lookupFailure;
  private List<Runnable> pendingLookups;
  private int lookups;

  /** Lookups by id fail with {@code failure} from now on; null makes them answer again. */
  public synchronized void failLookups(RuntimeException failure) {
    this.lookupFailure = failure;
  }

  /**
   * Lookups by id are answered only when {@link #answerPendingLookups} is called, as a directory
   * not in cache answers after a round trip.
   */
  public synchronized void answerLookupsLater() {
    pendingLookups = new java.util.ArrayList<>();
  }

  /** Answers the lookups waiting since {@link #answerLookupsLater}; later ones answer at once. */
  public void answerPendingLookups() {
    List<Runnable> waiting;
    synchronized (this) {
      waiting = pendingLookups;
      pendingLookups = null;
    }
    waiting.forEach(Runnable::run);
  }

  /** How many lookups by id were made. */
  public synchronized int lookups() {
    return lookups;
  }

  @Override
  public synchronized Future<Optional<Principal>> find(PrincipalId id) {
    lookups++;
    if (lookupFailure != null) {
      return Future.failedFuture(lookupFailure);
    }
    Optional<Principal> found = Optional.ofNullable(principals.get(id));
    if (pendingLookups != null) {
      io.vertx.core.Promise<Optional<Principal>> later = io.vertx.core.Promise.promise();
      pendingLookups.add(() -> later.complete(found));
      return later.future();
    }
    return Future.succeededFuture(found);
  }

  @Override
  public synchronized Future<Optional<Principal>> findUserByLogin(String login) {
    return Future.succeededFuture(
        principals.values().stream()
            .filter(p -> p.isUser() && p.login().equals(login))
            .findFirst());
  }

  @Override
  public synchronized Future<Optional<Principal>> authenticate(String login, String password) {
    return Future.succeededFuture(
        principals.values().stream()
            .filter(p -> p.isUser() && p.login().equals(login))
            .filter(p -> password.equals(passwords.get(p.id())))
            .findFirst());
  }

  @Override
  public synchronized Future<Membership> membershipOf(PrincipalId user) {
    Set<PrincipalId> groups = new HashSet<>();
    Deque<PrincipalId> todo = new ArrayDeque<>(List.of(user));
    while (!todo.isEmpty()) {
      PrincipalId current = todo.pop();
      members.forEach(
          (group, m) -> {
            if (m.contains(current) && groups.add(group)) {
              todo.push(group);
            }
          });
    }
    Map<RoleDefinition, PrincipalId> roles = new HashMap<>();
    directoryRoleGroups.forEach(
        (role, group) -> {
          if (groups.contains(group)) {
            roles.put(role, group);
          }
        });
    return Future.succeededFuture(new Membership(groups, roles));
  }

  @Override
  public synchronized Future<List<Principal>> search(PrincipalType type, String text, int limit) {
    String t = text.toLowerCase(Locale.ROOT);
    return Future.succeededFuture(
        principals.values().stream()
            .filter(p -> p.type() == type)
            .filter(
                p ->
                    p.displayName().toLowerCase(Locale.ROOT).startsWith(t)
                        || p.login().toLowerCase(Locale.ROOT).startsWith(t)
                        || p.mail().toLowerCase(Locale.ROOT).startsWith(t))
            .limit(limit)
            .toList());
  }

  @Override
  public synchronized Future<DirectoryPage> list(DirectoryQuery query) {
    return Future.succeededFuture(
        DirectoryPage.of(query, principals.values().stream().filter(query::matches).toList()));
  }

  @Override
  public synchronized Future<List<Principal>> membersOf(PrincipalId group, int limit) {
    List<Principal> found = new ArrayList<>();
    Set<PrincipalId> seen = new HashSet<>();
    Deque<PrincipalId> todo = new ArrayDeque<>(List.of(group));
    while (!todo.isEmpty() && found.size() < limit) {
      for (PrincipalId m : members.getOrDefault(todo.pop(), Set.of())) {
        if (seen.add(m) && principals.containsKey(m)) {
          Principal p = principals.get(m);
          if (p.isUser()) {
            found.add(p);
          } else {
            todo.push(m);
          }
        }
      }
    }
    return Future.succeededFuture(found);
  }

  private final Map<PrincipalId, Directory.AccountState> accounts = new HashMap<>();

  /** Marks a user's account disabled (or not) and sets when they last signed in. */
  public synchronized void setAccount(
      Principal user, boolean disabled, java.time.Instant lastLogon) {
    accounts.put(user.id(), new Directory.AccountState(disabled, Optional.ofNullable(lastLogon)));
  }

  @Override
  public synchronized Future<Optional<Directory.AccountState>> accountOf(PrincipalId user) {
    if (!principals.containsKey(user)) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(
        Optional.of(
            accounts.getOrDefault(user, new Directory.AccountState(false, Optional.empty()))));
  }
}
