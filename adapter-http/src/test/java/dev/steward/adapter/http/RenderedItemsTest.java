package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedItemsTest {
  record Principal(String id, String displayName) {}

  record Assignment(String id, String scope, Optional<Principal> principal) {}

  private final AtomicInteger written = new AtomicInteger();

  private JsonObject json(Assignment a) {
    written.incrementAndGet();
    return new JsonObject()
        .put("id", a.id())
        .put("appScopeId", a.scope())
        .put(
            "principal",
            a.principal()
                .map(p -> new JsonObject().put("id", p.id()).put("displayName", p.displayName()))
                .orElse(null));
  }

  private static Assignment assignment(String name) {
    return new Assignment("a-1", "/c/1", Optional.of(new Principal("u-1", name)));
  }

  @Test
  void aCollectionOfWrittenItemsIsTheSameJsonAsTheTreeItReplaces() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(10, this::json);
    List<Assignment> page =
        List.of(
            assignment("Ann \"the admin\" \\ ü"), new Assignment("a-2", "/c/1", Optional.empty()));
    JsonArray raw = new JsonArray();
    page.forEach(a -> raw.add(items.item(a)));
    JsonArray tree = new JsonArray();
    page.forEach(a -> tree.add(json(a)));
    assertEquals(
        new JsonObject().put("value", tree).encode(),
        new JsonObject().put("value", raw).toBuffer().toString());
  }

  @Test
  void anEqualItemIsWrittenOnceAndSharedAfter() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(10, this::json);
    Object first = items.item(assignment("Ann"));
    Object again = items.item(assignment("Ann"));
    assertSame(first, again);
    assertEquals(1, written.get());
  }

  @Test
  void aRenamedPrincipalIsWrittenAfreshNeverShownUnderItsOldName() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(10, this::json);
    items.item(assignment("Ann"));
    Object renamed = items.item(assignment("Anne"));
    String out = new JsonArray().add(renamed).toBuffer().toString();
    assertTrue(out.contains("\"displayName\":\"Anne\""), out);
    assertEquals(2, written.get());
  }

  @Test
  void aKeyThatLeavesOutAChangingInputWouldHideTheChangeSoByKeyTakesEveryInput() {
    // The audit log's choice of key, in miniature: the id of a record that never changes and the
    // name that may.
    RenderedItems<Assignment, List<Object>> items =
        RenderedItems.byKey(10, a -> List.of(a.id(), a.principal()), this::json);
    items.item(assignment("Ann"));
    items.item(assignment("Ann"));
    String out = new JsonArray().add(items.item(assignment("Anne"))).toBuffer().toString();
    assertTrue(out.contains("Anne"), out);
    assertEquals(2, written.get());
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(3, this::json);
    for (int i = 0; i < 10; i++) {
      items.item(new Assignment("a-" + i, "/c/1", Optional.empty()));
      assertTrue(items.size() <= 3, "remembered: " + items.size());
    }
  }
}
