package dev.steward.adapter.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STEWARD_LDAP_USER_ATTRIBUTE_MAP: defaults per directory type, changed by configuration. */
class UserAttributeMapTest {
  @Test
  void inetOrgPersonAndActiveDirectoryHaveTheirOwnDefaults() {
    UserAttributeMap open = UserAttributeMap.defaults(DirectoryType.OPENLDAP);
    assertEquals(Optional.of("departmentNumber"), open.attributeOf("department"));
    assertEquals(Optional.of("employeeNumber"), open.attributeOf("employeeId"));
    assertEquals(Optional.of("o"), open.attributeOf("companyName"));
    UserAttributeMap ad = UserAttributeMap.defaults(DirectoryType.ACTIVE_DIRECTORY);
    assertEquals(Optional.of("department"), ad.attributeOf("department"));
    assertEquals(Optional.of("employeeID"), ad.attributeOf("employeeId"));
    assertEquals(Optional.of("company"), ad.attributeOf("companyName"));
  }

  @Test
  void configurationAddsChangesAndRemoves() {
    UserAttributeMap m =
        UserAttributeMap.parse(
            "department=ou, costCenter=departmentNumber,mail=", DirectoryType.OPENLDAP);
    assertEquals(Optional.of("ou"), m.attributeOf("department"));
    assertEquals(Optional.of("departmentNumber"), m.attributeOf("costcenter"));
    assertEquals(Optional.empty(), m.attributeOf("mail"));
    assertEquals(Optional.of("title"), m.attributeOf("jobTitle"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "department",
        "department=departmentNumber,,city=l",
        "user.department=ou",
        "department=dept number",
        "department=ou,Department=o",
        "=ou"
      })
  void aMalformedMapIsRefusedWithAClearMessage(String text) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UserAttributeMap.parse(text, DirectoryType.OPENLDAP));
    assertTrue(e.getMessage().startsWith("STEWARD_LDAP_USER_ATTRIBUTE_MAP"), e.getMessage());
  }
}
