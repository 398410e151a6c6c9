package dev.steward.application.fakes;

import dev.steward.application.contract.DirectoryContract;
import dev.steward.application.port.out.Directory;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;

class FakeDirectoryContractTest extends DirectoryContract {
  private final FakeDirectory directory = new FakeDirectory();

  FakeDirectoryContractTest() {
    Principal alice = directory.addUser("alice", "alice-pw");
    Principal bob = directory.addUser("bob", "bob-pw");
    Principal carol = directory.addUser("carol", "carol-pw");
    Principal engineers = directory.addGroup("engineers", alice);
    directory.addGroup("staff", engineers, bob);
    directory.addOwner(engineers, carol);
    directory.grantDirectoryRole(
        RoleDefinition.GLOBAL_ADMINISTRATOR, directory.addGroup("admins", carol));
  }

  @Override
  protected Directory directory() {
    return directory;
  }
}
