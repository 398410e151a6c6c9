package dev.steward.domain;

import dev.steward.domain.AssignmentPolicy.ApprovalSettings;
import dev.steward.domain.AssignmentPolicy.ApprovalStage;
import dev.steward.domain.AssignmentPolicy.Expiration;
import dev.steward.domain.AssignmentPolicy.RequestorSettings;
import dev.steward.domain.AssignmentPolicy.ReviewSettings;
import dev.steward.domain.AssignmentPolicy.Settings;
import dev.steward.domain.AssignmentPolicy.TargetScope;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy's settings in Graph's JSON shape, as a tree of maps and lists (JDK types only): read
 * with every field checked and named when wrong, and written back the same way. Both the HTTP API
 * and the database use this one form.
 */
public final class PolicyDocument {
  public static final Set<String> SETTINGS_FIELDS =
      Set.of(
          "allowedTargetScope",
          "specificAllowedTargets",
          "requestorSettings",
          "requestApprovalSettings",
          "expiration",
          "reviewSettings",
          "notificationSettings",
          "automaticRequestSettings",
          "questions",
          "customExtensionStageSettings");

  private PolicyDocument() {}

  // ---------------------------------------------------------------- reading

  /** Reads the settings fields of a policy body; absent ones take their defaults. */
  public static Settings read(Map<String, Object> body) {
    Node root = new Node("", body);
    TargetScope scope =
        root.string("allowedTargetScope").map(TargetScope::parse).orElse(TargetScope.NOT_SPECIFIED);
    return new Settings(
        scope,
        root.subjects("specificAllowedTargets"),
        root.object("requestorSettings")
            .map(PolicyDocument::requestor)
            .orElse(requestor(Node.empty("requestorSettings"))),
        root.object("requestApprovalSettings")
            .map(PolicyDocument::approval)
            .orElse(new ApprovalSettings(false, false, false, List.of())),
        root.object("expiration").map(PolicyDocument::expiration).orElse(Expiration.never()),
        root.object("reviewSettings").map(PolicyDocument::review).orElse(ReviewSettings.none()),
        root.object("notificationSettings")
            .map(PolicyDocument::notification)
            .orElse(AssignmentPolicy.NotificationSettings.on()),
        root.object("automaticRequestSettings").map(PolicyDocument::automatic).orElse(null),
        questions(root),
        customExtensionStages(root));
  }

  private static AutomaticRequestSettings automatic(Node n) {
    n.only(
        "requestAccessForAllowedTargets",
        "removeAccessWhenTargetLeavesAllowedTargets",
        "gracePeriodBeforeAccessRemoval");
    return new AutomaticRequestSettings(
        n.bool("requestAccessForAllowedTargets"),
        n.bool("removeAccessWhenTargetLeavesAllowedTargets"),
        n.duration("gracePeriodBeforeAccessRemoval"));
  }

  /** Graph's questions: text input or multiple choice, told apart by their {@code @odata.type}. */
  private static List<Question> questions(Node root) {
    List<Question> out = new ArrayList<>();
    for (Node q : root.objects("questions")) {
      String type = q.string("@odata.type").orElse("");
      String id = q.string("id").orElse(null);
      int sequence = q.integer("sequence");
      List<Question.LocalizedText> localized = localizations(q);
      String text = q.string("text").orElse(null);
      switch (type) {
        case "#microsoft.graph.accessPackageTextInputQuestion" -> {
          q.only(
              "id",
              "sequence",
              "isRequired",
              "isAnswerEditable",
              "text",
              "localizations",
              "isSingleLineQuestion",
              "regexPattern");
          out.add(
              new Question.TextInput(
                  id,
                  sequence,
                  q.bool("isRequired"),
                  q.bool("isAnswerEditable"),
                  text,
                  localized,
                  q.bool("isSingleLineQuestion"),
                  q.string("regexPattern").orElse(null)));
        }
        case "#microsoft.graph.accessPackageMultipleChoiceQuestion" -> {
          q.only(
              "id",
              "sequence",
              "isRequired",
              "isAnswerEditable",
              "text",
              "localizations",
              "choices",
              "allowsMultipleSelection");
          List<Question.Choice> choices = new ArrayList<>();
          for (Node c : q.objects("choices")) {
            c.only("actualValue", "text", "localizations");
            choices.add(
                new Question.Choice(
                    c.string("actualValue").orElse(null),
                    c.string("text").orElse(null),
                    localizations(c)));
          }
          out.add(
              new Question.MultipleChoice(
                  id,
                  sequence,
                  q.bool("isRequired"),
                  q.bool("isAnswerEditable"),
                  text,
                  localized,
                  List.copyOf(choices),
                  q.bool("allowsMultipleSelection")));
        }
        default ->
            throw DomainException.invalid(
                q.path("@odata.type"),
                "'"
                    + q.path("@odata.type")
                    + "' must be #microsoft.graph.accessPackageTextInputQuestion or"
                    + " #microsoft.graph.accessPackageMultipleChoiceQuestion");
      }
    }
    return List.copyOf(out);
  }

  private static List<Question.LocalizedText> localizations(Node n) {
    List<Question.LocalizedText> out = new ArrayList<>();
    for (Node l : n.objects("localizations")) {
      l.only("languageCode", "text");
      out.add(
          new Question.LocalizedText(
              l.string("languageCode").orElse(null), l.string("text").orElse(null)));
    }
    return List.copyOf(out);
  }

  /** Graph's customExtensionStageSettings: a stage and the extension (by id) called at it. */
  private static List<CustomExtension.StageSetting> customExtensionStages(Node root) {
    List<CustomExtension.StageSetting> out = new ArrayList<>();
    for (Node n : root.objects("customExtensionStageSettings")) {
      n.only("stage", "customExtension", "id");
      String stage =
          n.string("stage")
              .orElseThrow(() -> DomainException.invalid(n.path("stage"), "'stage' is required"));
      Node ext =
          n.object("customExtension")
              .orElseThrow(
                  () ->
                      DomainException.invalid(
                          n.path("customExtension"), "'customExtension' is required"));
      ext.only("id");
      String id =
          ext.string("id")
              .filter(Guid::isValid)
              .orElseThrow(
                  () ->
                      DomainException.invalid(
                          ext.path("id"), "'" + ext.path("id") + "' must be a GUID"));
      out.add(
          new CustomExtension.StageSetting(
              CustomExtension.Stage.parse(n.path("stage"), stage), id));
    }
    return List.copyOf(out);
  }

  private static AssignmentPolicy.NotificationSettings notification(Node n) {
    n.only("isAssignmentNotificationDisabled");
    return new AssignmentPolicy.NotificationSettings(n.bool("isAssignmentNotificationDisabled"));
  }

  private static RequestorSettings requestor(Node n) {
    n.only(
        "enableTargetsToSelfAddAccess",
        "enableTargetsToSelfUpdateAccess",
        "enableTargetsToSelfRemoveAccess",
        "allowCustomAssignmentSchedule",
        "enableOnBehalfRequestorsToAddAccess",
        "enableOnBehalfRequestorsToUpdateAccess",
        "enableOnBehalfRequestorsToRemoveAccess",
        "onBehalfRequestors");
    if (!n.subjects("onBehalfRequestors").isEmpty()) {
      throw DomainException.invalid(
          n.path("onBehalfRequestors"), "requests on behalf of others are not supported yet");
    }
    return new RequestorSettings(
        n.bool("enableTargetsToSelfAddAccess"),
        n.bool("enableTargetsToSelfUpdateAccess"),
        n.bool("enableTargetsToSelfRemoveAccess"),
        n.bool("allowCustomAssignmentSchedule"),
        n.bool("enableOnBehalfRequestorsToAddAccess"),
        n.bool("enableOnBehalfRequestorsToUpdateAccess"),
        n.bool("enableOnBehalfRequestorsToRemoveAccess"));
  }

  private static ApprovalSettings approval(Node n) {
    n.only(
        "isApprovalRequiredForAdd",
        "isApprovalRequiredForUpdate",
        "isRequestorJustificationRequired",
        "stages");
    List<ApprovalStage> stages = new ArrayList<>();
    List<Node> raw = n.objects("stages");
    for (Node stage : raw) {
      stages.add(stage(stage));
    }
    return new ApprovalSettings(
        n.bool("isApprovalRequiredForAdd"),
        n.bool("isApprovalRequiredForUpdate"),
        n.bool("isRequestorJustificationRequired"),
        List.copyOf(stages));
  }

  private static ApprovalStage stage(Node n) {
    n.only(
        "durationBeforeAutomaticDenial",
        "isApproverJustificationRequired",
        "isEscalationEnabled",
        "durationBeforeEscalation",
        "primaryApprovers",
        "fallbackPrimaryApprovers",
        "escalationApprovers",
        "fallbackEscalationApprovers");
    return new ApprovalStage(
        n.duration("durationBeforeAutomaticDenial"),
        n.bool("isApproverJustificationRequired"),
        n.subjects("primaryApprovers"),
        n.subjects("fallbackPrimaryApprovers"),
        n.bool("isEscalationEnabled"),
        n.duration("durationBeforeEscalation"),
        n.subjects("escalationApprovers"),
        n.subjects("fallbackEscalationApprovers"));
  }

  private static Expiration expiration(Node n) {
    n.only("type", "duration", "endDateTime");
    String type =
        n.string("type")
            .orElseThrow(
                () -> DomainException.invalid(n.path("type"), "'expiration.type' is required"));
    return new Expiration(
        Expiration.Type.parse(type), n.duration("duration"), n.instant("endDateTime"));
  }

  private static ReviewSettings review(Node n) {
    n.only(
        "isEnabled",
        "expirationBehavior",
        "isRecommendationEnabled",
        "isReviewerJustificationRequired",
        "isSelfReview",
        "primaryReviewers",
        "fallbackReviewers",
        "schedule");
    return new ReviewSettings(
        n.bool("isEnabled"),
        n.string("expirationBehavior").orElse(null),
        n.bool("isRecommendationEnabled"),
        n.bool("isReviewerJustificationRequired"),
        n.bool("isSelfReview"),
        n.subjects("primaryReviewers"),
        n.subjects("fallbackReviewers"),
        n.object("schedule").map(s -> s.map).orElse(Map.of()));
  }

  /** One object of the tree, with the path that names it in messages. */
  private static final class Node {
    private final String at;
    private final Map<String, Object> map;

    Node(String at, Map<String, Object> map) {
      this.at = at;
      this.map = map;
    }

    static Node empty(String at) {
      return new Node(at, Map.of());
    }

    String path(String field) {
      return at.isEmpty() ? field : at + "." + field;
    }

    void only(String... fields) {
      Set<String> known = Set.of(fields);
      for (String key : map.keySet()) {
        if (!known.contains(key) && !key.startsWith("@odata.")) {
          throw DomainException.invalid(path(key), "Unknown property '" + path(key) + "'");
        }
      }
    }

    java.util.Optional<String> string(String field) {
      Object v = map.get(field);
      if (v == null) {
        return java.util.Optional.empty();
      }
      if (!(v instanceof String s)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be a string");
      }
      return java.util.Optional.of(s);
    }

    int integer(String field) {
      Object v = map.get(field);
      if (v == null) {
        return 0;
      }
      if (!(v instanceof Number num) || num.doubleValue() != num.intValue()) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be a whole number");
      }
      return num.intValue();
    }

    boolean bool(String field) {
      Object v = map.get(field);
      if (v == null) {
        return false;
      }
      if (!(v instanceof Boolean b)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be true or false");
      }
      return b;
    }

    Duration duration(String field) {
      return string(field)
          .map(
              s -> {
                try {
                  return Duration.parse(s);
                } catch (DateTimeParseException e) {
                  throw DomainException.invalid(
                      path(field),
                      "'"
                          + path(field)
                          + "' must be an ISO 8601 duration in days or hours, such as P30D or PT8H");
                }
              })
          .orElse(null);
    }

    Instant instant(String field) {
      return string(field)
          .map(
              s -> {
                try {
                  return java.time.OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                  throw DomainException.invalid(
                      path(field),
                      "'" + path(field) + "' must be an ISO 8601 date and time with an offset");
                }
              })
          .orElse(null);
    }

    @SuppressWarnings("unchecked")
    java.util.Optional<Node> object(String field) {
      Object v = map.get(field);
      if (v == null) {
        return java.util.Optional.empty();
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be an object");
      }
      return java.util.Optional.of(new Node(path(field), (Map<String, Object>) m));
    }

    @SuppressWarnings("unchecked")
    List<Node> objects(String field) {
      Object v = map.get(field);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> list)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be an array");
      }
      if (list.size() > 100) {
        throw DomainException.invalid(
            path(field), "'" + path(field) + "' has more than 100 entries");
      }
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          throw DomainException.invalid(path(field), "'" + path(field) + "' must hold objects");
        }
        nodes.add(new Node(path(field) + "[" + i + "]", (Map<String, Object>) m));
      }
      return nodes;
    }

    List<SubjectSet> subjects(String field) {
      List<SubjectSet> out = new ArrayList<>();
      for (Node n : objects(field)) {
        out.add(n.subject());
      }
      return List.copyOf(out);
    }

    SubjectSet subject() {
      String type = string("@odata.type").orElse("");
      switch (type) {
        case "#microsoft.graph.singleUser" -> {
          only("userId", "description", "isBackup");
          return new SubjectSet.SingleUser(id("userId"), string("description").orElse(""));
        }
        case "#microsoft.graph.groupMembers" -> {
          only("groupId", "description", "isBackup");
          return new SubjectSet.GroupMembers(id("groupId"), string("description").orElse(""));
        }
        case "#microsoft.graph.requestorManager" -> {
          only("managerLevel", "isBackup");
          Object level = map.get("managerLevel");
          if (level != null && !(level instanceof Number)) {
            throw DomainException.invalid(
                path("managerLevel"), "'" + path("managerLevel") + "' must be a number");
          }
          return new SubjectSet.RequestorManager(level == null ? 1 : ((Number) level).intValue());
        }
        case "#microsoft.graph.attributeRuleMembers" -> {
          only("description", "membershipRule");
          String rule = string("membershipRule").orElse(null);
          return new SubjectSet.AttributeRuleMembers(
              string("description").orElse(""),
              rule,
              MembershipRule.parse(rule, path("membershipRule")));
        }
        default ->
            throw DomainException.invalid(
                path("@odata.type"),
                "'"
                    + path("@odata.type")
                    + "' must be #microsoft.graph.singleUser,"
                    + " #microsoft.graph.groupMembers, #microsoft.graph.requestorManager"
                    + " or #microsoft.graph.attributeRuleMembers");
      }
    }

    PrincipalId id(String field) {
      String value =
          string(field)
              .orElseThrow(
                  () -> DomainException.invalid(path(field), "'" + path(field) + "' is required"));
      if (!Guid.isValid(value)) {
        throw DomainException.invalid(path(field), "'" + path(field) + "' must be a GUID");
      }
      return new PrincipalId(value);
    }
  }

  // ---------------------------------------------------------------- writing

  /** The settings as Graph writes them. */
  public static Map<String, Object> write(Settings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowedTargetScope", s.allowedTargetScope().apiName());
    m.put("specificAllowedTargets", subjects(s.specificAllowedTargets()));
    RequestorSettings r = s.requestorSettings();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("enableTargetsToSelfAddAccess", r.enableTargetsToSelfAddAccess());
    req.put("enableTargetsToSelfUpdateAccess", r.enableTargetsToSelfUpdateAccess());
    req.put("enableTargetsToSelfRemoveAccess", r.enableTargetsToSelfRemoveAccess());
    req.put("allowCustomAssignmentSchedule", r.allowCustomAssignmentSchedule());
    req.put("enableOnBehalfRequestorsToAddAccess", r.enableOnBehalfRequestorsToAddAccess());
    req.put("enableOnBehalfRequestorsToUpdateAccess", r.enableOnBehalfRequestorsToUpdateAccess());
    req.put("enableOnBehalfRequestorsToRemoveAccess", r.enableOnBehalfRequestorsToRemoveAccess());
    req.put("onBehalfRequestors", List.of());
    m.put("requestorSettings", req);
    ApprovalSettings a = s.requestApprovalSettings();
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("isApprovalRequiredForAdd", a.isApprovalRequiredForAdd());
    app.put("isApprovalRequiredForUpdate", a.isApprovalRequiredForUpdate());
    app.put("isRequestorJustificationRequired", a.isRequestorJustificationRequired());
    List<Object> stages = new ArrayList<>();
    for (ApprovalStage st : a.stages()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("durationBeforeAutomaticDenial", iso(st.durationBeforeAutomaticDenial()));
      sm.put("isApproverJustificationRequired", st.isApproverJustificationRequired());
      sm.put("isEscalationEnabled", st.isEscalationEnabled());
      sm.put(
          "durationBeforeEscalation",
          st.durationBeforeEscalation() == null ? null : iso(st.durationBeforeEscalation()));
      sm.put("primaryApprovers", subjects(st.primaryApprovers()));
      sm.put("fallbackPrimaryApprovers", subjects(st.fallbackPrimaryApprovers()));
      sm.put("escalationApprovers", subjects(st.escalationApprovers()));
      sm.put("fallbackEscalationApprovers", subjects(st.fallbackEscalationApprovers()));
      stages.add(sm);
    }
    app.put("stages", stages);
    m.put("requestApprovalSettings", app);
    Expiration e = s.expiration();
    Map<String, Object> exp = new LinkedHashMap<>();
    exp.put("type", e.type().apiName());
    exp.put("duration", e.duration() == null ? null : iso(e.duration()));
    exp.put("endDateTime", e.endDateTime() == null ? null : e.endDateTime().toString());
    m.put("expiration", exp);
    ReviewSettings rv = s.reviewSettings();
    Map<String, Object> rev = new LinkedHashMap<>();
    rev.put("isEnabled", rv.isEnabled());
    rev.put("expirationBehavior", rv.expirationBehavior());
    rev.put("isRecommendationEnabled", rv.isRecommendationEnabled());
    rev.put("isReviewerJustificationRequired", rv.isReviewerJustificationRequired());
    rev.put("isSelfReview", rv.isSelfReview());
    rev.put("primaryReviewers", subjects(rv.primaryReviewers()));
    rev.put("fallbackReviewers", subjects(rv.fallbackReviewers()));
    rev.put("schedule", rv.schedule().isEmpty() ? null : rv.schedule());
    m.put("reviewSettings", rev);
    m.put(
        "notificationSettings",
        Map.of(
            "isAssignmentNotificationDisabled",
            s.notificationSettings().isAssignmentNotificationDisabled()));
    AutomaticRequestSettings auto = s.automaticRequestSettings();
    if (auto != null) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("requestAccessForAllowedTargets", auto.requestAccessForAllowedTargets());
      am.put(
          "removeAccessWhenTargetLeavesAllowedTargets",
          auto.removeAccessWhenTargetLeavesAllowedTargets());
      am.put(
          "gracePeriodBeforeAccessRemoval",
          auto.gracePeriodBeforeAccessRemoval() == null
              ? null
              : isoAny(auto.gracePeriodBeforeAccessRemoval()));
      m.put("automaticRequestSettings", am);
    } else {
      m.put("automaticRequestSettings", null);
    }
    m.put("questions", questions(s.questions()));
    List<Object> extensions = new ArrayList<>();
    for (CustomExtension.StageSetting x : s.customExtensionStageSettings()) {
      Map<String, Object> xm = new LinkedHashMap<>();
      xm.put("stage", x.stage().apiName());
      xm.put("customExtension", Map.of("id", x.customExtensionId()));
      extensions.add(xm);
    }
    m.put("customExtensionStageSettings", extensions);
    return m;
  }

  /** Questions as Graph writes them. */
  public static List<Object> questions(List<Question> questions) {
    List<Object> out = new ArrayList<>();
    for (Question q : questions) {
      Map<String, Object> qm = new LinkedHashMap<>();
      qm.put("@odata.type", q.odataType());
      qm.put("id", q.id());
      qm.put("sequence", q.sequence());
      qm.put("isRequired", q.isRequired());
      qm.put("isAnswerEditable", q.isAnswerEditable());
      qm.put("text", q.text());
      qm.put("localizations", localized(q.localizations()));
      if (q instanceof Question.TextInput t) {
        qm.put("isSingleLineQuestion", t.isSingleLineQuestion());
        qm.put("regexPattern", t.regexPattern());
      } else if (q instanceof Question.MultipleChoice mc) {
        List<Object> choices = new ArrayList<>();
        for (Question.Choice c : mc.choices()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("actualValue", c.actualValue());
          cm.put("text", c.text());
          cm.put("localizations", localized(c.localizations()));
          choices.add(cm);
        }
        qm.put("choices", choices);
        qm.put("allowsMultipleSelection", mc.allowsMultipleSelection());
      }
      out.add(qm);
    }
    return out;
  }

  private static List<Object> localized(List<Question.LocalizedText> texts) {
    List<Object> out = new ArrayList<>();
    for (Question.LocalizedText t : texts) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("languageCode", t.languageCode());
      lm.put("text", t.text());
      out.add(lm);
    }
    return out;
  }

  /** A duration that may be shorter than an hour or zero. */
  static String isoAny(Duration d) {
    return d.isZero() ? "PT0S" : iso(d);
  }

  /** ISO 8601 as people write it: whole days as {@code P30D}, the rest as Java prints it. */
  static String iso(Duration d) {
    return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
  }

  private static List<Object> subjects(List<SubjectSet> sets) {
    List<Object> out = new ArrayList<>();
    for (SubjectSet s : sets) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (s instanceof SubjectSet.SingleUser u) {
        m.put("@odata.type", "#microsoft.graph.singleUser");
        m.put("userId", u.userId().value());
        m.put("description", u.description());
      } else if (s instanceof SubjectSet.GroupMembers g) {
        m.put("@odata.type", "#microsoft.graph.groupMembers");
        m.put("groupId", g.groupId().value());
        m.put("description", g.description());
      } else if (s instanceof SubjectSet.RequestorManager r) {
        m.put("@odata.type", "#microsoft.graph.requestorManager");
        m.put("managerLevel", r.managerLevel());
      } else if (s instanceof SubjectSet.AttributeRuleMembers a) {
        m.put("@odata.type", "#microsoft.graph.attributeRuleMembers");
        m.put("description", a.description());
        m.put("membershipRule", a.membershipRule());
      }
      out.add(m);
    }
    return out;
  }
}
