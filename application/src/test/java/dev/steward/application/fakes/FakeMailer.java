package dev.steward.application.fakes;

import dev.steward.application.port.out.notifications.Mailer;
import dev.steward.application.port.out.notifications.OutgoingMail;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** A mail server in memory: keeps what it accepted, and can be told to refuse everything. */
public final class FakeMailer implements Mailer {
  private final List<OutgoingMail> accepted = new ArrayList<>();
  private boolean refusing;

  @Override
  public synchronized Future<Void> send(OutgoingMail mail) {
    if (refusing) {
      return Future.failedFuture(new IllegalStateException("421 service not available"));
    }
    accepted.add(mail);
    return Future.succeededFuture();
  }

  public synchronized void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  /** Every mail accepted so far, in order. */
  public synchronized List<OutgoingMail> sent() {
    return List.copyOf(accepted);
  }

  /** The mails accepted since the last call, and forgets them. */
  public synchronized List<OutgoingMail> take() {
    List<OutgoingMail> out = List.copyOf(accepted);
    accepted.clear();
    return out;
  }
}
