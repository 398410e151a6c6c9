package dev.steward.application.fakes;

import dev.steward.application.contract.AccessReviewsContract;
import dev.steward.application.port.out.Transactions;

class InMemoryAccessReviewsContractTest extends AccessReviewsContract {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Transactions transactions() {
    return store;
  }
}
