package dev.steward.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may request an access package, who approves, how long access lasts, and how it is reviewed.
 */
public record AssignmentPolicy(
    PolicyId id,
    AccessPackageId accessPackageId,
    CatalogId catalogId,
    String displayName,
    String description,
    Settings settings,
    Instant createdDateTime,
    Instant modifiedDateTime) {

  public AssignmentPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accessPackageId, "accessPackageId");
    Objects.requireNonNull(catalogId, "catalogId");
    displayName = Text.require(displayName, "displayName", Catalog.MAX_DISPLAY_NAME, true);
    description =
        Text.require(
            description == null ? "" : description, "description", Catalog.MAX_DESCRIPTION, false);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(createdDateTime, "createdDateTime");
    Objects.requireNonNull(modifiedDateTime, "modifiedDateTime");
  }

  public Scope scope() {
    return Scope.of(catalogId);
  }

  /** Who may be assigned through the policy. */
  public enum TargetScope {
    NOT_SPECIFIED("notSpecified"),
    SPECIFIC_DIRECTORY_USERS("specificDirectoryUsers"),
    ALL_MEMBER_USERS("allMemberUsers"),
    ALL_DIRECTORY_USERS("allDirectoryUsers");

    private final String apiName;

    TargetScope(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static TargetScope parse(String value) {
      for (TargetScope t : values()) {
        if (t.apiName.equals(value)) {
          return t;
        }
      }
      throw DomainException.invalid(
          "allowedTargetScope",
          "'allowedTargetScope' must be notSpecified, specificDirectoryUsers, allMemberUsers or"
              + " allDirectoryUsers (external users are not supported on-premises)");
    }
  }

  /** Everything a policy decides, validated as a whole. */
  public record Settings(
      TargetScope allowedTargetScope,
      List<SubjectSet> specificAllowedTargets,
      RequestorSettings requestorSettings,
      ApprovalSettings requestApprovalSettings,
      Expiration expiration,
      ReviewSettings reviewSettings,
      NotificationSettings notificationSettings,
      AutomaticRequestSettings automaticRequestSettings,
      List<Question> questions,
      List<CustomExtension.StageSetting> customExtensionStageSettings) {
    /** Settings without custom extensions. */
    public Settings(
        TargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        RequestorSettings requestorSettings,
        ApprovalSettings requestApprovalSettings,
        Expiration expiration,
        ReviewSettings reviewSettings,
        NotificationSettings notificationSettings,
        AutomaticRequestSettings automaticRequestSettings,
        List<Question> questions) {
      this(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          expiration,
          reviewSettings,
          notificationSettings,
          automaticRequestSettings,
          questions,
          List.of());
    }

    /** Settings without automatic assignment or questions. */
    public Settings(
        TargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        RequestorSettings requestorSettings,
        ApprovalSettings requestApprovalSettings,
        Expiration expiration,
        ReviewSettings reviewSettings,
        NotificationSettings notificationSettings,
        List<CustomExtension.StageSetting> customExtensionStageSettings) {
      this(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          expiration,
          reviewSettings,
          notificationSettings,
          null,
          List.of(),
          customExtensionStageSettings);
    }

    /** Settings without automatic assignment, questions or custom extensions. */
    public Settings(
        TargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        RequestorSettings requestorSettings,
        ApprovalSettings requestApprovalSettings,
        Expiration expiration,
        ReviewSettings reviewSettings,
        NotificationSettings notificationSettings) {
      this(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          expiration,
          reviewSettings,
          notificationSettings,
          null,
          List.of(),
          List.of());
    }

    /** Settings with the assignment mails on. */
    public Settings(
        TargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        RequestorSettings requestorSettings,
        ApprovalSettings requestApprovalSettings,
        Expiration expiration,
        ReviewSettings reviewSettings) {
      this(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          expiration,
          reviewSettings,
          NotificationSettings.on());
    }

    public Settings {
      Objects.requireNonNull(allowedTargetScope, "allowedTargetScope");
      specificAllowedTargets = List.copyOf(specificAllowedTargets);
      Objects.requireNonNull(requestorSettings, "requestorSettings");
      Objects.requireNonNull(requestApprovalSettings, "requestApprovalSettings");
      Objects.requireNonNull(expiration, "expiration");
      Objects.requireNonNull(reviewSettings, "reviewSettings");
      Objects.requireNonNull(notificationSettings, "notificationSettings");
      questions = Question.checked(questions == null ? List.of() : questions);
      automaticOnlyAsGraphAllows(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          automaticRequestSettings);
      customExtensionStageSettings = List.copyOf(customExtensionStageSettings);
      if (customExtensionStageSettings.stream()
              .map(CustomExtension.StageSetting::stage)
              .distinct()
              .count()
          < customExtensionStageSettings.size()) {
        throw DomainException.invalid(
            "customExtensionStageSettings",
            "'customExtensionStageSettings' names each stage at most once");
      }
      if (allowedTargetScope == TargetScope.SPECIFIC_DIRECTORY_USERS
          && specificAllowedTargets.isEmpty()) {
        throw DomainException.invalid(
            "specificAllowedTargets",
            "'specificAllowedTargets' must name users or groups when allowedTargetScope is"
                + " specificDirectoryUsers");
      }
      if (allowedTargetScope != TargetScope.SPECIFIC_DIRECTORY_USERS
          && !specificAllowedTargets.isEmpty()) {
        throw DomainException.invalid(
            "specificAllowedTargets",
            "'specificAllowedTargets' is only for allowedTargetScope specificDirectoryUsers");
      }
      for (SubjectSet s : specificAllowedTargets) {
        if (s instanceof SubjectSet.RequestorManager) {
          throw DomainException.invalid(
              "specificAllowedTargets",
              "'specificAllowedTargets' takes singleUser and groupMembers only");
        }
      }
      if (allowedTargetScope == TargetScope.NOT_SPECIFIED
          && requestorSettings.enableTargetsToSelfAddAccess()) {
        throw DomainException.invalid(
            "requestorSettings.enableTargetsToSelfAddAccess",
            "users cannot request access when allowedTargetScope is notSpecified");
      }
    }

    /** Whether Steward itself requests access for the users the policy's rule matches. */
    public boolean isAutomatic() {
      return automaticRequestSettings != null
          && automaticRequestSettings.requestAccessForAllowedTargets();
    }

    /** The attribute rule of an automatic policy. */
    public java.util.Optional<SubjectSet.AttributeRuleMembers> attributeRule() {
      return specificAllowedTargets.stream()
          .filter(SubjectSet.AttributeRuleMembers.class::isInstance)
          .map(SubjectSet.AttributeRuleMembers.class::cast)
          .findFirst();
    }

    /** The same settings with these questions (ids given by Steward). */
    public Settings withQuestions(List<Question> newQuestions) {
      return new Settings(
          allowedTargetScope,
          specificAllowedTargets,
          requestorSettings,
          requestApprovalSettings,
          expiration,
          reviewSettings,
          notificationSettings,
          automaticRequestSettings,
          newQuestions);
    }

    /**
     * An automatic policy names exactly one attribute rule, lets nobody request and asks nobody to
     * approve; an attribute rule appears in automatic policies only.
     */
    private static void automaticOnlyAsGraphAllows(
        TargetScope scope,
        List<SubjectSet> targets,
        RequestorSettings requestor,
        ApprovalSettings approval,
        AutomaticRequestSettings automatic) {
      boolean hasRule =
          targets.stream().anyMatch(SubjectSet.AttributeRuleMembers.class::isInstance);
      boolean auto = automatic != null && automatic.requestAccessForAllowedTargets();
      if (!auto) {
        if (hasRule) {
          throw DomainException.invalid(
              "specificAllowedTargets",
              "attributeRuleMembers is only for automatic policies"
                  + " (automaticRequestSettings.requestAccessForAllowedTargets true)");
        }
        return;
      }
      if (scope != TargetScope.SPECIFIC_DIRECTORY_USERS || targets.size() != 1 || !hasRule) {
        throw DomainException.invalid(
            "specificAllowedTargets",
            "an automatic policy has allowedTargetScope specificDirectoryUsers and exactly one"
                + " #microsoft.graph.attributeRuleMembers target");
      }
      if (requestor.enableTargetsToSelfAddAccess()
          || requestor.enableTargetsToSelfUpdateAccess()
          || requestor.enableOnBehalfRequestorsToAddAccess()) {
        throw DomainException.invalid(
            "requestorSettings",
            "nobody may request access under an automatic policy: its requestorSettings enable"
                + " no requests");
      }
      if (approval.isApprovalRequiredForAdd() || approval.isApprovalRequiredForUpdate()) {
        throw DomainException.invalid(
            "requestApprovalSettings", "an automatic policy's assignments need no approval");
      }
    }

    /** Every directory object the settings name, to check against the directory. */
    public List<SubjectSet> subjects() {
      List<SubjectSet> all = new ArrayList<>(specificAllowedTargets);
      for (ApprovalStage stage : requestApprovalSettings.stages()) {
        all.addAll(stage.primaryApprovers());
        all.addAll(stage.fallbackPrimaryApprovers());
        all.addAll(stage.escalationApprovers());
        all.addAll(stage.fallbackEscalationApprovers());
      }
      all.addAll(reviewSettings.primaryReviewers());
      all.addAll(reviewSettings.fallbackReviewers());
      return all;
    }
  }

  /** What requestors may do themselves. */
  public record RequestorSettings(
      boolean enableTargetsToSelfAddAccess,
      boolean enableTargetsToSelfUpdateAccess,
      boolean enableTargetsToSelfRemoveAccess,
      boolean allowCustomAssignmentSchedule,
      boolean enableOnBehalfRequestorsToAddAccess,
      boolean enableOnBehalfRequestorsToUpdateAccess,
      boolean enableOnBehalfRequestorsToRemoveAccess) {}

  /** Whether requests need approval, and the stages that give it. */
  public record ApprovalSettings(
      boolean isApprovalRequiredForAdd,
      boolean isApprovalRequiredForUpdate,
      boolean isRequestorJustificationRequired,
      List<ApprovalStage> stages) {
    public static final int MAX_STAGES = 3;

    public ApprovalSettings {
      stages = List.copyOf(stages);
      if (stages.size() > MAX_STAGES) {
        throw DomainException.invalid(
            "requestApprovalSettings.stages",
            "a policy has at most " + MAX_STAGES + " approval stages");
      }
      if ((isApprovalRequiredForAdd || isApprovalRequiredForUpdate) && stages.isEmpty()) {
        throw DomainException.invalid(
            "requestApprovalSettings.stages",
            "approval is required, so at least one stage is needed");
      }
    }
  }

  /** One approval stage: who decides, by when, and who is asked next. */
  public record ApprovalStage(
      Duration durationBeforeAutomaticDenial,
      boolean isApproverJustificationRequired,
      List<SubjectSet> primaryApprovers,
      List<SubjectSet> fallbackPrimaryApprovers,
      boolean isEscalationEnabled,
      Duration durationBeforeEscalation,
      List<SubjectSet> escalationApprovers,
      List<SubjectSet> fallbackEscalationApprovers) {
    public static final Duration MAX_DECISION_TIME = Duration.ofDays(14);

    public ApprovalStage {
      String at = "requestApprovalSettings.stages";
      primaryApprovers = List.copyOf(primaryApprovers);
      fallbackPrimaryApprovers = List.copyOf(fallbackPrimaryApprovers);
      escalationApprovers = List.copyOf(escalationApprovers);
      fallbackEscalationApprovers = List.copyOf(fallbackEscalationApprovers);
      if (durationBeforeAutomaticDenial == null
          || durationBeforeAutomaticDenial.compareTo(Duration.ofHours(1)) < 0
          || durationBeforeAutomaticDenial.compareTo(MAX_DECISION_TIME) > 0) {
        throw DomainException.invalid(
            at + ".durationBeforeAutomaticDenial",
            "'durationBeforeAutomaticDenial' must be from PT1H to P14D");
      }
      if (primaryApprovers.isEmpty()) {
        throw DomainException.invalid(
            at + ".primaryApprovers", "each stage needs primary approvers");
      }
      boolean managerFirst =
          primaryApprovers.stream().anyMatch(s -> s instanceof SubjectSet.RequestorManager);
      if (managerFirst && fallbackPrimaryApprovers.isEmpty()) {
        throw DomainException.invalid(
            at + ".fallbackPrimaryApprovers",
            "a stage approved by the requestor's manager needs fallback approvers for requestors"
                + " without one");
      }
      for (List<SubjectSet> list :
          List.of(fallbackPrimaryApprovers, escalationApprovers, fallbackEscalationApprovers)) {
        if (list.stream().anyMatch(s -> s instanceof SubjectSet.RequestorManager)) {
          throw DomainException.invalid(
              at,
              "requestorManager may only be a primary approver; fallbacks and escalations name users or groups");
        }
      }
      if (isEscalationEnabled) {
        if (durationBeforeEscalation == null
            || durationBeforeEscalation.isNegative()
            || durationBeforeEscalation.isZero()
            || durationBeforeEscalation.compareTo(durationBeforeAutomaticDenial) >= 0) {
          throw DomainException.invalid(
              at + ".durationBeforeEscalation",
              "'durationBeforeEscalation' must be shorter than durationBeforeAutomaticDenial");
        }
        if (escalationApprovers.isEmpty()) {
          throw DomainException.invalid(
              at + ".escalationApprovers",
              "escalation is enabled, so escalation approvers are needed");
        }
      }
    }
  }

  /** How long an assignment lasts. */
  public record Expiration(Type type, Duration duration, Instant endDateTime) {
    public static final Duration MAX_DURATION = Duration.ofDays(3660);

    /** Never, after a duration, or at a date. */
    public enum Type {
      NO_EXPIRATION("noExpiration"),
      AFTER_DURATION("afterDuration"),
      AFTER_DATE_TIME("afterDateTime");

      private final String apiName;

      Type(String apiName) {
        this.apiName = apiName;
      }

      public String apiName() {
        return apiName;
      }

      public static Type parse(String value) {
        for (Type t : values()) {
          if (t.apiName.equals(value)) {
            return t;
          }
        }
        throw DomainException.invalid(
            "expiration.type",
            "'expiration.type' must be noExpiration, afterDuration or afterDateTime");
      }
    }

    public Expiration {
      Objects.requireNonNull(type, "type");
      switch (type) {
        case NO_EXPIRATION -> {
          if (duration != null || endDateTime != null) {
            throw DomainException.invalid(
                "expiration", "noExpiration takes neither duration nor endDateTime");
          }
        }
        case AFTER_DURATION -> {
          if (duration == null
              || duration.isNegative()
              || duration.isZero()
              || duration.compareTo(MAX_DURATION) > 0) {
            throw DomainException.invalid(
                "expiration.duration", "'expiration.duration' must be from PT1H to P3660D");
          }
          if (endDateTime != null) {
            throw DomainException.invalid(
                "expiration.endDateTime", "afterDuration takes no endDateTime");
          }
        }
        case AFTER_DATE_TIME -> {
          if (endDateTime == null || duration != null) {
            throw DomainException.invalid(
                "expiration.endDateTime", "afterDateTime takes an endDateTime and no duration");
          }
        }
      }
    }

    public static Expiration never() {
      return new Expiration(Type.NO_EXPIRATION, null, null);
    }

    /** When access granted at {@code start} ends, or null when it does not. */
    public Instant endFor(Instant start) {
      return switch (type) {
        case NO_EXPIRATION -> null;
        case AFTER_DURATION -> start.plus(duration);
        case AFTER_DATE_TIME -> endDateTime;
      };
    }
  }

  /**
   * Access reviews of the policy's assignments (Graph's accessPackageAssignmentReviewSettings):
   * when enabled, Steward runs them as an access review definition (see {@link
   * AccessReviewDefinition}).
   */
  public record ReviewSettings(
      boolean isEnabled,
      String expirationBehavior,
      boolean isRecommendationEnabled,
      boolean isReviewerJustificationRequired,
      boolean isSelfReview,
      List<SubjectSet> primaryReviewers,
      List<SubjectSet> fallbackReviewers,
      Map<String, Object> schedule) {
    public static final List<String> BEHAVIOURS =
        List.of("keepAccess", "removeAccess", "acceptAccessRecommendation");

    public ReviewSettings {
      primaryReviewers = List.copyOf(primaryReviewers);
      fallbackReviewers = List.copyOf(fallbackReviewers);
      Map<String, Object> kept = new java.util.LinkedHashMap<>();
      if (schedule != null) {
        schedule.forEach(
            (k, v) -> {
              if (v != null) {
                kept.put(k, v);
              }
            });
      }
      ReviewSchedule parsed =
          kept.isEmpty()
              ? null
              : ReviewSchedule.readPolicySchedule(kept, "reviewSettings.schedule");
      // Kept in its complete written form, so a schedule reads back exactly as it runs.
      schedule =
          parsed == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(parsed.policyScheduleJson());
      if (isEnabled && parsed == null) {
        throw DomainException.invalid(
            "reviewSettings.schedule.startDateTime",
            "an enabled review needs 'reviewSettings.schedule.startDateTime'");
      }
      if (expirationBehavior != null && !BEHAVIOURS.contains(expirationBehavior)) {
        throw DomainException.invalid(
            "reviewSettings.expirationBehavior",
            "'reviewSettings.expirationBehavior' must be keepAccess, removeAccess or"
                + " acceptAccessRecommendation");
      }
      if (isSelfReview && (!primaryReviewers.isEmpty() || !fallbackReviewers.isEmpty())) {
        throw DomainException.invalid(
            "reviewSettings.isSelfReview",
            "in a self-review each user reviews their own access; leave the reviewers empty");
      }
      if ("acceptAccessRecommendation".equals(expirationBehavior) && !isRecommendationEnabled) {
        throw DomainException.invalid(
            "reviewSettings.expirationBehavior",
            "acceptAccessRecommendation needs isRecommendationEnabled");
      }
      if (isEnabled && !isSelfReview && primaryReviewers.isEmpty()) {
        throw DomainException.invalid(
            "reviewSettings.primaryReviewers",
            "an enabled review needs reviewers, or isSelfReview");
      }
    }

    /** When the reviews run; empty when no schedule was given. */
    public java.util.Optional<ReviewSchedule> reviewSchedule() {
      return schedule.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(
              ReviewSchedule.readPolicySchedule(schedule, "reviewSettings.schedule"));
    }

    /** What happens to unreviewed access when an instance ends (keepAccess by default). */
    public String behaviourOrDefault() {
      return expirationBehavior == null ? "keepAccess" : expirationBehavior;
    }

    public static ReviewSettings none() {
      return new ReviewSettings(false, null, false, false, false, List.of(), List.of(), Map.of());
    }
  }

  /**
   * Graph's {@code notificationSettings}: with {@code isAssignmentNotificationDisabled} the user is
   * not mailed about the assignment itself (granted, about to end, ended).
   */
  public record NotificationSettings(boolean isAssignmentNotificationDisabled) {
    public static NotificationSettings on() {
      return new NotificationSettings(false);
    }
  }
}
