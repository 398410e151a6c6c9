package dev.steward.application.port.in.extensions;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.extensions.Callout;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.RequestId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The answers of outside systems to the calls of custom extensions: a held request goes on, or ends
 * denied; and the history of a request's calls and answers.
 */
public interface ResumeRequestsUseCase {
  /** What the answer says: go on, or end the request denied or canceled (Graph's {@code state}). */
  enum Answer {
    GO_ON,
    DENY,
    CANCEL
  }

  /** The Standard Webhooks headers of a signed answer, and the exact body they sign. */
  record Signed(String id, String timestamp, String signature, String body) {}

  /**
   * Graph's accessPackageAssignmentRequestCallbackData, with who vouches for it: the extension's
   * signature, or a signed-in caller who manages the catalog.
   *
   * @param answer what {@code state} says: absent, {@code denied} or {@code canceled}
   * @param caller the signed-in caller, when the answer is not signed
   */
  record Resume(
      RequestId request,
      CustomExtension.Stage stage,
      String calloutId,
      String detail,
      Answer answer,
      Optional<Signed> signed,
      Optional<RequestContext> caller,
      String requestId,
      String clientAddress) {}

  Future<Void> resume(Resume resume);

  /** A request's calls and answers, for whoever may read the request. */
  Future<List<Callout>> callouts(RequestContext ctx, RequestId request);
}
