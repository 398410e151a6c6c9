package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Users and groups written into a Samba AD DC by the tests, as an AD administrator would make them:
 * {@code user} entries with {@code sAMAccountName}, {@code userPrincipalName} and a password,
 * {@code group} entries with {@code member} and {@code managedBy}, in an OU of the test's own.
 */
public final class AdOrganisation {
  private final LDAPConnection admin;
  private final String ou;

  /** Creates (or empties and re-creates) the OU named under the domain. */
  public AdOrganisation(LDAPConnection admin, String ouName) throws LDAPException {
    this.admin = admin;
    this.ou = "OU=" + ouName + "," + SambaDc.BASE_DN;
    try {
      admin.add(ou, new Attribute("objectClass", "organizationalUnit"));
    } catch (LDAPException e) {
      if (e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  public String ou() {
    return ou;
  }

  public String userDn(String login) {
    return "CN=" + login + "," + ou;
  }

  public String groupDn(String name) {
    return "CN=" + name + "," + ou;
  }

  /** A user whose cn and sAMAccountName are the login and whose UPN is login@steward.test. */
  public String user(String login, String displayName, String password, String... more)
      throws LDAPException {
    List<Attribute> attrs = new ArrayList<>();
    attrs.add(new Attribute("objectClass", "top", "person", "organizationalPerson", "user"));
    attrs.add(new Attribute("sAMAccountName", login));
    attrs.add(new Attribute("userPrincipalName", login + "@" + SambaDc.REALM));
    attrs.add(new Attribute("displayName", displayName));
    attrs.add(new Attribute("mail", login + "@example.org"));
    if (password != null) {
      attrs.add(new Attribute("unicodePwd", unicodePwd(password)));
      // A normal, enabled account: AD creates users disabled until they have a password.
      attrs.add(new Attribute("userAccountControl", "512"));
    }
    for (int i = 0; i + 1 < more.length; i += 2) {
      attrs.add(new Attribute(more[i], more[i + 1]));
    }
    admin.add(userDn(login), attrs);
    return userDn(login);
  }

  /** A global security group with these member DNs. */
  public String group(String name, String managedBy, String... memberDns) throws LDAPException {
    List<Attribute> attrs = new ArrayList<>();
    attrs.add(new Attribute("objectClass", "top", "group"));
    attrs.add(new Attribute("sAMAccountName", name));
    if (managedBy != null) {
      attrs.add(new Attribute("managedBy", managedBy));
    }
    if (memberDns.length > 0) {
      attrs.add(new Attribute("member", memberDns));
    }
    admin.add(groupDn(name), attrs);
    return groupDn(name);
  }

  /** The logins (cn) of a group's direct members, read by the test itself. */
  public Set<String> directMemberLogins(String group) {
    try {
      SearchResultEntry g = admin.getEntry(groupDn(group), "member");
      Set<String> logins = new HashSet<>();
      if (g != null && g.hasAttribute("member")) {
        for (String dn : g.getAttributeValues("member")) {
          logins.add(new DN(dn).getRDN().getAttributeValues()[0]);
        }
      }
      return logins;
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The entry's objectGUID as AD's own tools print it, read by the test itself. */
  public String objectGuid(String dn) throws LDAPException {
    byte[] b = admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID");
    java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    java.nio.ByteBuffer be = java.nio.ByteBuffer.wrap(b);
    return String.format(
        "%08x-%04x-%04x-%04x-%012x",
        le.getInt(0),
        le.getShort(4),
        le.getShort(6),
        be.getShort(8),
        be.getLong(8) & 0xffffffffffffL);
  }

  static byte[] unicodePwd(String password) {
    return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
  }
}
