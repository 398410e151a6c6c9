package dev.steward.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A custom extension of a catalog: an HTTPS endpoint outside Steward that is called, with a signed
 * webhook, at the stages of a request or assignment that a policy attaches it to; with a callback
 * timeout the request waits for the endpoint's answer.
 *
 * @param callbackTimeout how long a request waits for the answer, or null: the call is fire and
 *     forget
 * @param signingSecret the {@code whsec_…} secret both sides sign with; never shown after creation
 */
public record CustomExtension(
    String id,
    CatalogId catalogId,
    Kind kind,
    String displayName,
    String description,
    String targetUrl,
    Duration callbackTimeout,
    String signingSecret,
    String createdBy,
    Instant createdDateTime,
    String lastModifiedBy,
    Instant lastModifiedDateTime) {

  /** The longest wait Steward accepts for an answer (Graph allows up to 14 days). */
  public static final Duration LONGEST_WAIT = Duration.ofDays(14);

  /** The shortest wait: less would time out before the first retries of the call. */
  public static final Duration SHORTEST_WAIT = Duration.ofMinutes(5);

  /** Graph's two kinds: one called at stages of a request, one at stages of an assignment. */
  public enum Kind {
    REQUEST_WORKFLOW("#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension"),
    ASSIGNMENT_WORKFLOW("#microsoft.graph.accessPackageAssignmentWorkflowExtension");

    private final String odataType;

    Kind(String odataType) {
      this.odataType = odataType;
    }

    public String odataType() {
      return odataType;
    }

    public static Kind parse(String value) {
      for (Kind k : values()) {
        if (k.odataType.equals(value)) {
          return k;
        }
      }
      throw DomainException.invalid(
          "@odata.type",
          "'@odata.type' must be #microsoft.graph.accessPackageAssignmentRequestWorkflowExtension"
              + " or #microsoft.graph.accessPackageAssignmentWorkflowExtension");
    }
  }

  /** The stages (Graph's accessPackageCustomExtensionStage) an extension can be attached to. */
  public enum Stage {
    ASSIGNMENT_REQUEST_CREATED("assignmentRequestCreated", Kind.REQUEST_WORKFLOW),
    ASSIGNMENT_REQUEST_APPROVED("assignmentRequestApproved", Kind.REQUEST_WORKFLOW),
    ASSIGNMENT_REQUEST_GRANTED("assignmentRequestGranted", Kind.REQUEST_WORKFLOW),
    ASSIGNMENT_REQUEST_REMOVED("assignmentRequestRemoved", Kind.REQUEST_WORKFLOW),
    ASSIGNMENT_FOURTEEN_DAYS_BEFORE_EXPIRATION(
        "assignmentFourteenDaysBeforeExpiration", Kind.ASSIGNMENT_WORKFLOW),
    ASSIGNMENT_ONE_DAY_BEFORE_EXPIRATION(
        "assignmentOneDayBeforeExpiration", Kind.ASSIGNMENT_WORKFLOW);

    private final String apiName;
    private final Kind kind;

    Stage(String apiName, Kind kind) {
      this.apiName = apiName;
      this.kind = kind;
    }

    public String apiName() {
      return apiName;
    }

    /** The kind of extension this stage calls. */
    public Kind kind() {
      return kind;
    }

    /**
     * Only a request can be held until the outside system answers: when it is created (before any
     * approval) or approved (before delivery). The later stages are fire and forget, as in Entra.
     */
    public boolean canWait() {
      return this == ASSIGNMENT_REQUEST_CREATED || this == ASSIGNMENT_REQUEST_APPROVED;
    }

    public static Stage parse(String field, String value) {
      for (Stage s : values()) {
        if (s.apiName.equals(value)) {
          return s;
        }
      }
      throw DomainException.invalid(
          field,
          "'"
              + field
              + "' must be assignmentRequestCreated, assignmentRequestApproved,"
              + " assignmentRequestGranted, assignmentRequestRemoved,"
              + " assignmentFourteenDaysBeforeExpiration or assignmentOneDayBeforeExpiration");
    }
  }

  public CustomExtension {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(catalogId, "catalogId");
    Objects.requireNonNull(kind, "kind");
    displayName = Text.require(displayName, "displayName", 256, true);
    description = description == null ? "" : description;
    Objects.requireNonNull(targetUrl, "targetUrl");
    if (callbackTimeout != null
        && (callbackTimeout.compareTo(SHORTEST_WAIT) < 0
            || callbackTimeout.compareTo(LONGEST_WAIT) > 0)) {
      throw DomainException.invalid(
          "callbackConfiguration.timeoutDuration",
          "'callbackConfiguration.timeoutDuration' must be between PT5M and P14D");
    }
    if (callbackTimeout != null && kind != Kind.REQUEST_WORKFLOW) {
      throw DomainException.invalid(
          "callbackConfiguration",
          "only an accessPackageAssignmentRequestWorkflowExtension can wait for a callback");
    }
    Objects.requireNonNull(signingSecret, "signingSecret");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    Objects.requireNonNull(lastModifiedDateTime, "lastModifiedDateTime");
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  /** Whether a request at a stage this extension is attached to waits for its answer. */
  public boolean waits() {
    return callbackTimeout != null;
  }

  /** One policy's attachment of an extension to a stage (Graph's customExtensionStageSetting). */
  public record StageSetting(Stage stage, String customExtensionId) {
    public StageSetting {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(customExtensionId, "customExtensionId");
    }
  }
}
