package dev.steward.application.fakes;

import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;

class FakeDirectoryContractTest extends DirectoryContract {
  private final FakeDirectory directory = new FakeDirectory();
  private final java.util.Map<String, Principal> people = new java.util.HashMap<>();
  private final java.util.Map<String, Principal> groups = new java.util.HashMap<>();

  @Override
  protected java.util.Set<String> directMemberLogins(String group) {
    java.util.Set<String> logins = new java.util.HashSet<>();
    people.forEach(
        (login, p) -> {
          if (directory.isDirectMember(groups.get(group), p)) {
            logins.add(login);
          }
        });
    return logins;
  }

  FakeDirectoryContractTest() {
    Principal alice = directory.addUser("alice", "alice-pw");
    this.people.put("alice", alice);
    Principal bob = directory.addUser("bob", "bob-pw");
    this.people.put("bob", bob);
    Principal carol = directory.addUser("carol", "carol-pw");
    this.people.put("carol", carol);
    directory.setManager(bob, alice);
    Principal engineers = directory.addGroup("engineers", alice);
    directory.addGroup("staff", engineers, bob);
    directory.addOwner(engineers, carol);
    Principal admins = directory.addGroup("admins", carol);
    groups.put("admins", admins);
    directory.grantDirectoryRole(RoleDefinition.GLOBAL_ADMINISTRATOR, admins);
  }

  @Override
  protected Directory directory() {
    return directory;
  }
}
