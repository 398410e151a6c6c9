package dev.steward.application.fakes;

import dev.steward.application.contract.StoreContract;
import dev.steward.application.port.out.Transactions;
import dev.steward.domain.CatalogId;

class InMemoryStoreContractTest extends StoreContract {
  private final InMemoryStore store = new InMemoryStore();

  @Override
  protected Transactions transactions() {
    return store;
  }

  @Override
  protected void givenAccessPackages(CatalogId catalog, int count) {
    store.setAccessPackageCount(catalog, count);
  }
}
