package dev.steward.bootstrap;

import com.unboundid.ldap.sdk.LDAPException;
import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.ldap.LdapDirectory;
import dev.steward.adapter.ldap.LdapSettings;
import dev.steward.application.port.out.directory.Directory;
import io.vertx.core.Vertx;
import javax.inject.Singleton;

/** The directory: LDAP through a pooled UnboundID connection set. */
@Module
final class LdapModule {
  private LdapModule() {}

  @Provides
  @Singleton
  static LdapDirectory ldapDirectory(Vertx vertx, LdapSettings settings) {
    try {
      return new LdapDirectory(vertx, settings);
    } catch (LDAPException e) {
      throw new IllegalStateException(
          "cannot connect to LDAP at "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Provides
  static Directory directory(LdapDirectory ldap) {
    return ldap;
  }

  @Provides
  @Singleton
  static dev.steward.application.port.out.directory.AttributeRuleSearch attributeRules(
      LdapDirectory ldap, AutomationConfig automation) {
    return new dev.steward.adapter.ldap.LdapAttributeRules(ldap, automation.attributes());
  }
}
