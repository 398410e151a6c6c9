package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When review instances run, and which schedules a policy may ask for. */
class ReviewScheduleTest {
  private static final Instant JAN_31 = Instant.parse("2026-01-31T08:00:00Z");

  private static ReviewSchedule read(Map<String, Object> schedule) {
    return ReviewSchedule.readPolicySchedule(schedule, "reviewSettings.schedule");
  }

  private static Map<String, Object> monthly(int interval, Map<String, Object> range) {
    return Map.of(
        "startDateTime",
        JAN_31.toString(),
        "expiration",
        Map.of("type", "afterDuration", "duration", "P14D"),
        "recurrence",
        Map.of("pattern", Map.of("type", "absoluteMonthly", "interval", interval), "range", range));
  }

  @Test
  void aMonthlyReviewFollowsTheStartDayAndFallsOnTheLastDayOfShorterMonths() {
    ReviewSchedule s = read(monthly(1, Map.of("type", "noEnd")));
    assertEquals(Optional.of(JAN_31), s.startOf(0));
    assertEquals(Optional.of(Instant.parse("2026-02-28T08:00:00Z")), s.startOf(1));
    assertEquals(Optional.of(Instant.parse("2026-03-31T08:00:00Z")), s.startOf(2));
    assertEquals(Duration.ofDays(14), s.duration());
  }

  @Test
  void aQuarterlyReviewEndsAtItsEndDateOrAfterItsNumberOfOccurrences() {
    ReviewSchedule until = read(monthly(3, Map.of("type", "endDate", "endDate", "2026-08-01")));
    assertEquals(Optional.of(Instant.parse("2026-07-31T08:00:00Z")), until.startOf(2));
    assertTrue(until.startOf(3).isEmpty());
    ReviewSchedule twice = read(monthly(3, Map.of("type", "numbered", "numberOfOccurrences", 2)));
    assertTrue(twice.startOf(1).isPresent());
    assertTrue(twice.startOf(2).isEmpty());
  }

  @Test
  void aWeeklyReviewRepeatsEveryIntervalWeeksAndAnInstanceMissedWhileDownIsSkipped() {
    ReviewSchedule s =
        read(
            Map.of(
                "startDateTime",
                JAN_31.toString(),
                "expiration",
                Map.of("type", "afterDuration", "duration", "P3D"),
                "recurrence",
                Map.of("pattern", Map.of("type", "weekly", "interval", 2))));
    assertEquals(Optional.of(JAN_31.plus(Duration.ofDays(28))), s.startOf(2));
    // Down from the start until five weeks on: three are over (the third ended on day 31).
    assertEquals(Optional.of(3), s.firstNotEndedBy(0, JAN_31.plus(Duration.ofDays(35))));
    assertEquals(Optional.of(2), s.firstNotEndedBy(0, JAN_31.plus(Duration.ofDays(29))));
    // One day into the second: it still runs.
    assertEquals(Optional.of(1), s.firstNotEndedBy(0, JAN_31.plus(Duration.ofDays(15))));
  }

  @Test
  void aOneTimeReviewHasOneInstance() {
    ReviewSchedule s = read(Map.of("startDateTime", JAN_31.toString()));
    assertEquals(Optional.of(JAN_31), s.startOf(0));
    assertTrue(s.startOf(1).isEmpty());
    assertEquals(ReviewSchedule.DEFAULT_DURATION, s.duration());
  }

  @Test
  void whatStewardCannotRunIsRefusedNamingTheField() {
    List<Map<String, Object>> refused =
        List.of(
            Map.of(
                "startDateTime",
                JAN_31.toString(),
                "recurrence",
                Map.of("pattern", Map.of("type", "relativeMonthly", "interval", 1))),
            Map.of(
                "startDateTime",
                JAN_31.toString(),
                "recurrence",
                Map.of(
                    "pattern",
                    Map.of("type", "weekly", "interval", 1, "daysOfWeek", List.of("monday")))),
            Map.of(
                "startDateTime",
                JAN_31.toString(),
                "expiration",
                Map.of("type", "afterDuration", "duration", "P10D"),
                "recurrence",
                Map.of("pattern", Map.of("type", "weekly", "interval", 1))),
            Map.of(
                "startDateTime", JAN_31.toString(), "expiration", Map.of("type", "noExpiration")),
            Map.of("startDateTime", JAN_31.toString(), "surprise", true),
            Map.of("expiration", Map.of("type", "afterDuration", "duration", "P7D")),
            Map.of(
                "startDateTime",
                JAN_31.toString(),
                "recurrence",
                Map.of(
                    "pattern",
                    Map.of("type", "weekly", "interval", 1),
                    "range",
                    Map.of("type", "noEnd", "recurrenceTimeZone", "Europe/Berlin"))));
    for (Map<String, Object> schedule : refused) {
      DomainException e =
          assertThrows(DomainException.class, () -> read(schedule), schedule::toString);
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason());
      assertTrue(
          e.field().startsWith("reviewSettings.schedule") || e.field().equals("duration"),
          e.field());
    }
  }

  @Test
  void anEnabledPolicyReviewNeedsAStartAndKeepsItsScheduleInItsCompleteForm() {
    Map<String, Object> body =
        Map.of(
            "reviewSettings",
            Map.of(
                "isEnabled",
                true,
                "isSelfReview",
                true,
                "schedule",
                Map.of(
                    "startDateTime",
                    "2026-01-31T09:00:00+01:00",
                    "recurrence",
                    Map.of("pattern", Map.of("type", "absoluteMonthly", "interval", 3)))));
    AssignmentPolicy.Settings s = PolicyDocument.read(body);
    @SuppressWarnings("unchecked")
    Map<String, Object> written =
        (Map<String, Object>) PolicyDocument.write(s).get("reviewSettings");
    assertEquals(s, PolicyDocument.read(Map.of("reviewSettings", written)));
    assertEquals(JAN_31, s.reviewSettings().reviewSchedule().orElseThrow().start());
    DomainException missing =
        assertThrows(
            DomainException.class,
            () ->
                PolicyDocument.read(
                    Map.of("reviewSettings", Map.of("isEnabled", true, "isSelfReview", true))));
    assertEquals("reviewSettings.schedule.startDateTime", missing.field());
  }

  @Test
  void reviewSettingsThatCouldNotRunAsWrittenAreRefused() {
    Map<String, Object> schedule = Map.of("startDateTime", JAN_31.toString());
    Map<String, Object> reviewer =
        Map.of(
            "@odata.type",
            "#microsoft.graph.singleUser",
            "userId",
            "1c000000-0000-4000-8000-000000000001");
    DomainException selfWithReviewers =
        assertThrows(
            DomainException.class,
            () ->
                PolicyDocument.read(
                    Map.of(
                        "reviewSettings",
                        Map.of(
                            "isEnabled",
                            true,
                            "isSelfReview",
                            true,
                            "primaryReviewers",
                            List.of(reviewer),
                            "schedule",
                            schedule))));
    assertEquals("reviewSettings.isSelfReview", selfWithReviewers.field());
    DomainException noRecommendations =
        assertThrows(
            DomainException.class,
            () ->
                PolicyDocument.read(
                    Map.of(
                        "reviewSettings",
                        Map.of(
                            "isEnabled",
                            true,
                            "expirationBehavior",
                            "acceptAccessRecommendation",
                            "primaryReviewers",
                            List.of(reviewer),
                            "schedule",
                            schedule))));
    assertEquals("reviewSettings.expirationBehavior", noRecommendations.field());
  }
}
