package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration comes from a properties file laid under the environment, which wins. */
class ConfigTest {
  @Test
  void theEnvironmentWinsOverTheFileAndOnlyStewardKeysAreRead() throws Exception {
    Path file = Files.createTempFile("steward", ".properties");
    Files.writeString(file, "STEWARD_HTTP_PORT=9000\nSTEWARD_LDAP_HOST=ldap.example.org\n");
    Config config =
        Config.load(
            Map.of(
                "STEWARD_CONFIG_FILE", file.toString(),
                "STEWARD_HTTP_PORT", "9100",
                "PATH", "/usr/bin"));
    assertEquals(9100, config.getInt("STEWARD_HTTP_PORT", 8080));
    assertEquals("ldap.example.org", config.get("STEWARD_LDAP_HOST", ""));
    assertEquals("fallback", config.get("PATH", "fallback"));
    assertEquals(42, config.getInt("STEWARD_MISSING", 42));
  }

  @Test
  void aBadNumberOrAMissingFileIsAClearError() {
    Config bad = new Config(Map.of("STEWARD_HTTP_PORT", "eighty"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bad.getInt("STEWARD_HTTP_PORT", 8080));
    assertEquals("STEWARD_HTTP_PORT must be a whole number, not 'eighty'", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Config.load(Map.of("STEWARD_CONFIG_FILE", "/nonexistent/steward.properties")));
  }

  @Test
  void switchesAreOnOrOffAndNothingElse() {
    Config c =
        new Config(
            Map.of(
                "STEWARD_A",
                "on",
                "STEWARD_B",
                "FALSE",
                "STEWARD_C",
                " true ",
                "STEWARD_D",
                "yes"));
    assertEquals(true, c.getBoolean("STEWARD_A", false));
    assertEquals(false, c.getBoolean("STEWARD_B", true));
    assertEquals(true, c.getBoolean("STEWARD_C", false));
    assertEquals(true, c.getBoolean("STEWARD_MISSING", true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.getBoolean("STEWARD_D", true));
    assertEquals("STEWARD_D must be on or off, not 'yes'", e.getMessage());
  }

  @Test
  void theTokenKeyIsReadFromItsFileAndRequiredOnAnExternalPostgres() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("jwt", ".key");
    java.nio.file.Files.writeString(file, "a-signing-key-from-a-file-of-32-bytes-or-more\n");
    assertEquals(
        "a-signing-key-from-a-file-of-32-bytes-or-more",
        Steward.jwtSecret(
            new Config(
                java.util.Map.of(
                    "STEWARD_JWT_SECRET_FILE", file.toString(), "STEWARD_PG_HOST", "db"))));
    IllegalArgumentException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> Steward.start(new Config(java.util.Map.of("STEWARD_PG_HOST", "db.invalid"))));
    org.junit.jupiter.api.Assertions.assertTrue(
        refused.getMessage().contains("STEWARD_JWT_SECRET"), refused.getMessage());
    assertEquals("", Steward.jwtSecret(new Config(java.util.Map.of())), "generated when embedded");
  }

  @Test
  void theAuditKeyIsReadFromItsFileAndRequiredOnAnExternalPostgres() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("audit", ".key");
    java.nio.file.Files.writeString(file, "an-audit-key-from-a-file\n");
    assertEquals(
        "an-audit-key-from-a-file",
        Steward.auditKey(
            new Config(
                java.util.Map.of(
                    "STEWARD_AUDIT_KEY_FILE", file.toString(), "STEWARD_PG_HOST", "db"))));
    IllegalArgumentException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                Steward.start(
                    new Config(
                        java.util.Map.of(
                            "STEWARD_PG_HOST", "db.invalid",
                            "STEWARD_JWT_SECRET", "a-signing-key-of-32-bytes-or-more-here"))));
    org.junit.jupiter.api.Assertions.assertTrue(
        refused.getMessage().contains("STEWARD_AUDIT_KEY"), refused.getMessage());
    assertEquals("", Steward.auditKey(new Config(java.util.Map.of())), "generated when embedded");
  }

  private static dev.steward.adapter.ldap.LdapSettings directory(Map<String, String> env)
      throws Exception {
    return Steward.directorySettings(
        new Config(env), "dc.example.org", 636, "", "", "DC=example,DC=org", Map.of());
  }

  @Test
  void theActiveDirectoryPresetSetsTheShapeAndEachKeyStillOverridesIt() throws Exception {
    var ad = directory(Map.of("STEWARD_LDAP_DIRECTORY_TYPE", "activeDirectory"));
    assertEquals("objectGUID", ad.idAttribute());
    assertEquals(dev.steward.adapter.ldap.LdapSettings.IdFormat.BINARY_GUID, ad.idFormat());
    assertEquals(java.util.List.of("sAMAccountName", "userPrincipalName"), ad.loginAttributes());
    assertEquals("managedBy", ad.ownerAttribute());
    assertEquals(dev.steward.adapter.ldap.LdapSettings.Nesting.IN_CHAIN, ad.nesting());
    assertEquals("DC=example,DC=org", ad.userBaseDn());
    var overridden =
        directory(
            Map.of(
                "STEWARD_LDAP_DIRECTORY_TYPE", "activeDirectory",
                "STEWARD_LDAP_LOGIN_ATTRIBUTE", "sAMAccountName",
                "STEWARD_LDAP_NESTED_GROUPS", "walk",
                "STEWARD_LDAP_USER_FILTER", "(!(userAccountControl:1.2.840.113556.1.4.803:=2))"));
    assertEquals(java.util.List.of("sAMAccountName"), overridden.loginAttributes());
    assertEquals(dev.steward.adapter.ldap.LdapSettings.Nesting.WALK, overridden.nesting());
    assertEquals("objectGUID", overridden.idAttribute());
    assertEquals("(!(userAccountControl:1.2.840.113556.1.4.803:=2))", overridden.userFilter());
    assertEquals("entryUUID", directory(Map.of()).idAttribute());
    assertEquals(
        "owner", directory(Map.of("STEWARD_LDAP_DIRECTORY_TYPE", "389ds")).ownerAttribute());
  }

  @Test
  void anUnknownDirectoryTypeOrSettingValueIsRefusedNamingTheKey() {
    IllegalArgumentException type =
        assertThrows(
            IllegalArgumentException.class,
            () -> directory(Map.of("STEWARD_LDAP_DIRECTORY_TYPE", "novell")));
    assertEquals(
        "STEWARD_LDAP_DIRECTORY_TYPE must be one of openldap, activeDirectory, 389ds, not 'novell'",
        type.getMessage());
    IllegalArgumentException format =
        assertThrows(
            IllegalArgumentException.class,
            () -> directory(Map.of("STEWARD_LDAP_ID_FORMAT", "base64")));
    assertEquals(
        "STEWARD_LDAP_ID_FORMAT must be one of [binaryGuid, string], not 'base64'",
        format.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> directory(Map.of("STEWARD_LDAP_TLS", "yes")));
    IllegalArgumentException unpaired =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                directory(
                    Map.of("STEWARD_LDAP_GROUP_OBJECT_CLASS", "groupOfNames,groupOfUniqueNames")));
    assertTrue(
        unpaired.getMessage().contains("STEWARD_LDAP_MEMBER_ATTRIBUTE"), unpaired.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> directory(Map.of("STEWARD_LDAP_LOGIN_ATTRIBUTE", "uid,,mail")));
  }

  @Test
  void aWebhookAllowListOrTrustStoreThatIsNotOneStopsSteward() throws Exception {
    IllegalArgumentException plain =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Steward.webhooks(
                    new Config(
                        Map.of("STEWARD_WEBHOOK_ALLOWED_URLS", "http://hooks.example.org/"))));
    assertTrue(plain.getMessage().contains("STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP"), plain.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Steward.webhooks(
                new Config(
                    Map.of("STEWARD_WEBHOOK_ALLOWED_URLS", "https://user@hooks.example.org/"))));
    Path notAStore = Files.createTempFile("trust", ".p12");
    Files.writeString(notAStore, "not a key store");
    IllegalArgumentException trust =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Steward.webhooks(
                    new Config(
                        Map.of(
                            "STEWARD_WEBHOOK_ALLOWED_URLS",
                            "https://hooks.example.org/",
                            "STEWARD_WEBHOOK_TRUST_STORE",
                            notAStore.toString()))));
    assertTrue(trust.getMessage().contains("STEWARD_WEBHOOK_TRUST_STORE"), trust.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Steward.webhooks(
                new Config(
                    Map.of(
                        "STEWARD_WEBHOOK_ALLOWED_URLS", "https://hooks.example.org/",
                        "STEWARD_WEBHOOK_TIMEOUT_SECONDS", "0"))));
    assertTrue(
        Steward.webhooks(new Config(Map.of())).targets().isEmpty(),
        "no allow-list: no extension can be created");
    assertTrue(
        Steward.webhooks(
                new Config(
                    Map.of(
                        "STEWARD_WEBHOOK_ALLOWED_URLS", "http://127.0.0.1:9000/hooks/",
                        "STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP", "true")))
            .targets()
            .allowed("http://127.0.0.1:9000/hooks/x")
            .isPresent());
  }
}
