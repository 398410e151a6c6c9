package dev.steward.application.fakes;

import dev.steward.application.contract.ExtensionStoreContract;
import dev.steward.application.port.out.Transactions;

class InMemoryExtensionStoreContractTest extends ExtensionStoreContract {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Transactions transactions() {
    return store;
  }
}
