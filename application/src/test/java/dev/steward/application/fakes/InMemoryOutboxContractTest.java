package dev.steward.application.fakes;

import dev.steward.application.contract.OutboxContract;
import dev.steward.application.port.out.Transactions;

class InMemoryOutboxContractTest extends OutboxContract {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Transactions transactions() {
    return store;
  }
}
