package dev.steward.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Who is told about an access review: its reviewers, when it starts and before it ends. */
public final class ReviewNotices {
  private ReviewNotices() {}

  /** The instance has started: each reviewer is asked to review, once. */
  public static List<Notice> started(
      AccessReviewDefinition d, AccessReviewInstance i, Set<PrincipalId> reviewers) {
    return toReviewers(d, i, reviewers, Notice.Kind.ACCESS_REVIEW_STARTED, "started");
  }

  /**
   * The reviewers who still have items to decide are reminded; {@code at} tells one reminder from
   * the next.
   */
  public static List<Notice> reminder(
      AccessReviewDefinition d, AccessReviewInstance i, Set<PrincipalId> reviewers, Instant at) {
    return toReviewers(
        d, i, reviewers, Notice.Kind.ACCESS_REVIEW_REMINDER, "reminder:" + at.getEpochSecond());
  }

  private static List<Notice> toReviewers(
      AccessReviewDefinition d,
      AccessReviewInstance i,
      Set<PrincipalId> reviewers,
      Notice.Kind kind,
      String what) {
    List<Notice> out = new ArrayList<>();
    Set<String> sorted = new TreeSet<>();
    reviewers.forEach(r -> sorted.add(r.value()));
    for (String r : sorted) {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("reviewName", d.displayName());
      facts.put("instanceId", i.id());
      facts.put("definitionId", d.id());
      facts.put("dueDateTime", i.endDateTime().toString());
      if (d.kind() == AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS) {
        facts.put("packageId", d.resourceId());
      }
      out.add(
          new Notice(kind, new PrincipalId(r), "review:" + i.id() + ":" + what + ":" + r, facts));
    }
    return out;
  }
}
