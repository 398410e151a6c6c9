package dev.steward.adapter.ldap;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.PrincipalType;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every LDAP call runs on the adapter's own worker threads, never on a Vert.x event loop. */
class BlockingOffTheEventLoopTest {
  @Test
  void directoryCallsMadeFromAnEventLoopRunOnLdapWorkerThreads() throws Exception {
    try (EmbeddedLdapServer server = TestLdap.inMemory("/contract.ldif")) {
      Vertx vertx = Vertx.vertx();
      LdapDirectory directory =
          new LdapDirectory(
              vertx,
              TestLdap.settings(server.port(), TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD));
      List<String> threads = new CopyOnWriteArrayList<>();
      directory.observe((kind, nanos, ok) -> threads.add(Thread.currentThread().getName()));
      await(
          vertx
              .getOrCreateContext()
              .executeBlocking(() -> null)
              .compose(
                  ignored ->
                      io.vertx.core.Future.<Void>future(
                          p ->
                              vertx.runOnContext(
                                  v ->
                                      directory
                                          .findUserByLogin("alice")
                                          .compose(
                                              u -> directory.membershipOf(u.orElseThrow().id()))
                                          .compose(
                                              m -> directory.search(PrincipalType.GROUP, "", 10))
                                          .compose(g -> directory.authenticate("alice", "alice-pw"))
                                          .<Void>mapEmpty()
                                          .onComplete(p)))));
      assertFalse(threads.isEmpty());
      for (String name : threads) {
        assertTrue(name.startsWith("steward-ldap"), "LDAP ran on " + name);
        assertFalse(name.contains("eventloop"), "LDAP ran on " + name);
      }
      directory.close();
      vertx.close().await();
    }
  }
}
