package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instances on one database tell themselves apart: in Postgres, in the metrics, at a glance. */
class InstanceIdentityTest {
  @Test
  void theInstanceNameIsThePoolsApplicationNameAndAMetricLabel() {
    RunningSteward alpha = RunningSteward.start(Map.of("STEWARD_INSTANCE_NAME", "alpha-1"));
    try {
      assertEquals(200, alpha.api.get("ada", Api.CATALOGS).status());
      assertTrue(
          alpha.count(
                  "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                  "steward/alpha-1")
              > 0,
          "the pool's connections carry the instance's name");
      String metrics =
          alpha
              .api
              .send(
                  "GET",
                  "http://127.0.0.1:" + alpha.steward.managementPort() + "/metrics",
                  null,
                  null)
              .text();
      assertTrue(metrics.contains("steward_instance_info{name=\"alpha-1\"} 1"), metrics);
      // Counters the dashboard shows exist at zero before anything happened.
      assertTrue(
          metrics.contains(
              "steward_assignment_requests_total{state=\"denied\",type=\"userAdd\"} 0.0"));
      assertTrue(
          metrics.contains("steward_authorization_denials_total{task=\"createCatalog\"} 0.0"),
          metrics);
    } finally {
      alpha.close();
    }
  }

  @Test
  void aNameThatCouldNotBeShownSafelyIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Instance.from(new Config(Map.of("STEWARD_INSTANCE_NAME", "a b';--"))));
    assertTrue(e.getMessage().contains("STEWARD_INSTANCE_NAME"));
    assertTrue(Instance.from(new Config(Map.of())).name().matches(".+-\\d+"), "host and pid");
  }
}
