package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.in.Page;
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

  private static final String CONTEXT = "https://h/v1.0/$metadata#things";

  @Test
  void aWholePageIsTheSameJsonAsTheCollectionItReplaces() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(10, this::json);
    Page<Assignment> page =
        new Page<>(
            List.of(
                assignment("Ann \"the admin\" ü"), new Assignment("a-2", "/c/1", Optional.empty())),
            Optional.of("a-2"));
    JsonArray tree = new JsonArray();
    page.items().forEach(a -> tree.add(json(a)));
    JsonObject expected =
        new JsonObject()
            .put("@odata.context", CONTEXT)
            .put("value", tree)
            .put("@odata.nextLink", "https://h/next")
            .put("@odata.count", 7L);
    assertEquals(expected.encode(), items.page(CONTEXT, page, "https://h/next", 7L).toString());
    assertEquals(
        new JsonObject().put("@odata.context", CONTEXT).put("value", tree).encode(),
        items.page(CONTEXT, new Page<>(page.items(), Optional.empty()), null, null).toString());
  }

  @Test
  void anEqualPageIsWrittenOnceAndAnyChangedPartIsWrittenAfresh() {
    RenderedItems<Assignment, List<Object>> items =
        RenderedItems.byKey(10, a -> List.of(a.id(), a.principal()), this::json);
    Page<Assignment> ann = new Page<>(List.of(assignment("Ann")), Optional.empty());
    String first = items.page(CONTEXT, ann, null, null).toString();
    assertEquals(first, items.page(CONTEXT, ann, null, null).toString());
    assertEquals(1, items.pages());
    Page<Assignment> anne = new Page<>(List.of(assignment("Anne")), Optional.empty());
    assertTrue(items.page(CONTEXT, anne, null, null).toString().contains("Anne"), "renamed");
    assertTrue(items.page(CONTEXT, ann, "https://h/n", null).toString().contains("https://h/n"));
    assertTrue(items.page(CONTEXT, ann, null, 3L).toString().contains("\"@odata.count\":3"));
    assertTrue(items.page("other", ann, null, null).toString().contains("\"other\""));
    assertEquals(5, items.pages());
  }

  @Test
  void pagesAreForgottenPastTheirBytes() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(100_000, this::json);
    String big = "x".repeat(100_000);
    long pages = RenderedItems.MAX_PAGE_BYTES / 100_000 + 10;
    for (int i = 0; i < pages; i++) {
      items.page(
          CONTEXT,
          new Page<>(List.of(new Assignment("a-" + i, big, Optional.empty())), Optional.empty()),
          null,
          null);
      assertTrue(
          (long) items.pages() * 100_000 <= RenderedItems.MAX_PAGE_BYTES,
          "remembered: " + items.pages());
    }
  }

  @Test
  void aMemoGivenASmallerShareOfPageBytesKeepsToIt() {
    long share = RenderedItems.MAX_PAGE_BYTES / 4;
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(100_000, share, this::json);
    String big = "x".repeat(100_000);
    int most = 0;
    for (int i = 0; i < RenderedItems.MAX_PAGE_BYTES / 100_000; i++) {
      items.page(
          CONTEXT,
          new Page<>(List.of(new Assignment("a-" + i, big, Optional.empty())), Optional.empty()),
          null,
          null);
      most = Math.max(most, items.pages());
      assertTrue((long) items.pages() * 100_000 <= share, "remembered: " + items.pages());
    }
    assertTrue(most >= share / 100_000 / 2, "it remembers pages at all: " + most);
  }

  @Test
  void pagesAreForgottenPastTheirNumberHoweverSmall() {
    RenderedItems<Assignment, Assignment> items = RenderedItems.byValue(10, this::json);
    Page<Assignment> empty = new Page<>(List.of(), Optional.empty());
    for (int i = 0; i < RenderedItems.MAX_PAGES + 10; i++) {
      items.page(CONTEXT, empty, "https://h/next/" + i, null);
      assertTrue(items.pages() <= RenderedItems.MAX_PAGES, "remembered: " + items.pages());
    }
  }
}
