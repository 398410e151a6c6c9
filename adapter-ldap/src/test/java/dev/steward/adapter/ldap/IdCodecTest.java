package dev.steward.adapter.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdCodecTest {
  /** The bytes of objectGUID as AD stores them, and the form its tools print (Get-ADUser). */
  private static final byte[] RAW = HexFormat.of().parseHex("3f2504e04f8941d39a0c0305e82c3301");

  private static final String PRINTED = "e004253f-894f-d341-9a0c-0305e82c3301";

  @Test
  void theFirstThreeFieldsOfAnObjectGuidAreReadLittleEndian() {
    assertEquals(PRINTED, IdCodec.toMicrosoftString(RAW));
  }

  @Test
  void aPrintedGuidTurnsBackIntoTheBytesTheDirectoryHolds() {
    assertArrayEquals(RAW, IdCodec.toBytes(PRINTED));
    assertArrayEquals(RAW, IdCodec.toBytes(PRINTED.toUpperCase(java.util.Locale.ROOT)));
  }

  @Test
  void aBinaryIdIsSearchedWithAnEscapedFilterOfItsBytes() throws Exception {
    String filter =
        new IdCodec("objectGUID", LdapSettings.IdFormat.BINARY_GUID)
            .filter(new dev.steward.domain.PrincipalId(PRINTED))
            .toString();
    assertEquals("(objectGUID=?%\\04\\e0\\4f\\89A\\d3\\9a\\0c\\03\\05\\e8\\2c\\33\\01)", filter);
    assertArrayEquals(RAW, com.unboundid.ldap.sdk.Filter.create(filter).getAssertionValueBytes());
  }
}
