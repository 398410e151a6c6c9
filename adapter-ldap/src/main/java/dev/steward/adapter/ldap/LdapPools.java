package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;

/** Opens the pool of connections bound as Steward's service account, over plain LDAP or TLS. */
final class LdapPools {
  private LdapPools() {}

  static LDAPConnectionPool open(LdapSettings s) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(3_000);
    options.setResponseTimeoutMillis(5_000);
    options.setAbandonOnTimeout(true);
    SimpleBindRequest bind =
        s.bindDn() == null || s.bindDn().isEmpty()
            ? null
            : new SimpleBindRequest(s.bindDn(), s.bindPassword());
    try {
      LDAPConnectionPool pool = pool(s, options, bind);
      pool.setRetryFailedOperationsDueToInvalidConnections(true);
      pool.setConnectionPoolName("steward-ldap");
      return pool;
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.STRONG_AUTH_REQUIRED
          && s.tls() == LdapSettings.Tls.NONE) {
        throw new LDAPException(
            e.getResultCode(),
            e.getMessage()
                + " (the directory refuses binds without TLS, as Active Directory does:"
                + " use ldaps or starttls)",
            e);
      }
      throw e;
    }
  }

  /** A pool over plain LDAP, LDAPS, or LDAP upgraded with StartTLS before the bind. */
  private static LDAPConnectionPool pool(
      LdapSettings s, LDAPConnectionOptions options, SimpleBindRequest bind) throws LDAPException {
    if (s.tls() == LdapSettings.Tls.NONE) {
      return new LDAPConnectionPool(
          new SingleServerSet(s.host(), s.port(), options), bind, 1, s.poolSize());
    }
    try {
      SSLUtil ssl =
          new SSLUtil(
              s.trustStore() == null || s.trustStore().isEmpty()
                  ? JVMDefaultTrustManager.getInstance()
                  : new TrustStoreTrustManager(
                      s.trustStore(),
                      s.trustStorePassword() == null ? null : s.trustStorePassword().toCharArray(),
                      null,
                      true));
      // The directory's certificate must name the host Steward connects to.
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
      if (s.tls() == LdapSettings.Tls.LDAPS) {
        return new LDAPConnectionPool(
            new SingleServerSet(s.host(), s.port(), ssl.createSSLSocketFactory(), options),
            bind,
            1,
            s.poolSize());
      }
      return new LDAPConnectionPool(
          new SingleServerSet(s.host(), s.port(), options),
          bind,
          1,
          s.poolSize(),
          new StartTLSPostConnectProcessor(ssl.createSSLContext()));
    } catch (java.security.GeneralSecurityException e) {
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, "cannot set up TLS to the directory: " + e.getMessage(), e);
    }
  }
}
