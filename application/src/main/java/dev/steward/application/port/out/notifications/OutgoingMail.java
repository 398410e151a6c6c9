package dev.steward.application.port.out.notifications;

import java.util.Map;
import java.util.Objects;

/**
 * A mail ready to render and send.
 *
 * @param messageId stable across retries (the outbox row's id), so a mail sent twice by accident is
 *     recognisable as one by every mail client
 * @param template which mail: {@code approvalRequired}, {@code approvalEscalated}, {@code
 *     requestApproved}, {@code requestDenied}, {@code requestExpired}, {@code accessGranted},
 *     {@code accessEndingSoon}, {@code accessEnded}
 * @param model the values the template shows, already formatted as text; the adapter escapes them
 *     for HTML
 */
public record OutgoingMail(
    String messageId, String toAddress, String toName, String template, Map<String, String> model) {
  public OutgoingMail {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(toAddress, "toAddress");
    Objects.requireNonNull(template, "template");
    toName = toName == null ? "" : toName;
    model = Map.copyOf(model);
  }
}
