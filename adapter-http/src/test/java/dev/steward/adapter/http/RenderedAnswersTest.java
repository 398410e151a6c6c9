package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedAnswersTest {
  record Decision(String task, boolean allowed) {}

  record Permissions(String scope, List<Decision> decisions) {}

  private final AtomicInteger written = new AtomicInteger();

  private JsonObject json(Permissions p) {
    written.incrementAndGet();
    JsonObject out = new JsonObject().put("appScopeId", p.scope());
    p.decisions().forEach(d -> out.put(d.task(), d.allowed()));
    return out;
  }

  @Test
  void anEqualValueIsAnsweredWithTheSameBytesWrittenOnce() {
    RenderedAnswers<Permissions> answers = new RenderedAnswers<>(10, this::json);
    Permissions first = new Permissions("/", List.of(new Decision("read", true)));
    Permissions equal = new Permissions("/", List.of(new Decision("read", true)));
    String a = answers.answer(first).toString();
    String b = answers.answer(equal).toString();
    assertEquals(a, b);
    assertEquals(json(first).encode(), a);
    assertEquals(2, written.get(), "written once for the answers, once for the comparison");
  }

  @Test
  void aChangedDecisionIsWrittenAfreshNeverAnsweredFromTheOldOne() {
    RenderedAnswers<Permissions> answers = new RenderedAnswers<>(10, this::json);
    answers.answer(new Permissions("/", List.of(new Decision("delete", true))));
    String after =
        answers.answer(new Permissions("/", List.of(new Decision("delete", false)))).toString();
    assertEquals("{\"appScopeId\":\"/\",\"delete\":false}", after);
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    RenderedAnswers<Permissions> answers = new RenderedAnswers<>(3, this::json);
    for (int i = 0; i < 10; i++) {
      answers.answer(new Permissions("/c/" + i, List.of()));
      assertTrue(answers.size() <= 3, "remembered: " + answers.size());
    }
  }

  @Test
  void aCallerChangingTheBufferItGotDoesNotChangeTheNextAnswer() {
    RenderedAnswers<Permissions> answers = new RenderedAnswers<>(10, this::json);
    Permissions p = new Permissions("/", List.of());
    answers.answer(p).setByte(0, (byte) 'X');
    assertEquals("{\"appScopeId\":\"/\"}", answers.answer(p).toString());
  }
}
