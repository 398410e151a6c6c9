package dev.steward.application.fakes;

import dev.steward.application.contract.StoreContract;
import dev.steward.application.port.out.Transactions;
import dev.steward.domain.AccessPackageId;

class InMemoryStoreContractTest extends StoreContract {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Transactions transactions() {
    return store;
  }

  @Override
  protected void givenAssignments(AccessPackageId pkg, int count) {
    store.setAssignmentCount(pkg, count);
  }
}
