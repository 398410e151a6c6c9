package dev.steward.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's boundaries, checked on the compiled production classes of every module. Each rule
 * fails when the packages it names are empty, so a renamed package cannot pass by accident.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.steward");
  }

  @Test
  void layersDependOnlyInward() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("domain")
        .definedBy("dev.steward.domain..")
        .layer("application")
        .definedBy("dev.steward.application..")
        .layer("http")
        .definedBy("dev.steward.adapter.http..")
        .layer("postgres")
        .definedBy("dev.steward.adapter.postgres..")
        .layer("ldap")
        .definedBy("dev.steward.adapter.ldap..")
        .layer("mail")
        .definedBy("dev.steward.adapter.mail..")
        .layer("webhook")
        .definedBy("dev.steward.adapter.webhook..")
        .layer("bootstrap")
        .definedBy("dev.steward.bootstrap..")
        .whereLayer("bootstrap")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("http")
        .mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("postgres")
        .mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("ldap")
        .mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("mail")
        .mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("webhook")
        .mayOnlyBeAccessedByLayers("bootstrap")
        .whereLayer("application")
        .mayOnlyBeAccessedByLayers("http", "postgres", "ldap", "mail", "webhook", "bootstrap")
        .check(classes);
  }

  @Test
  void theDomainUsesNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.steward.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.steward.domain..", "java..")
        .check(classes);
  }

  @Test
  void theApplicationTouchesVertxOnlyThroughFuture() {
    classes()
        .that()
        .resideInAPackage("dev.steward.application..")
        .should()
        .onlyDependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are in the domain, the application, the JDK or are io.vertx.core.Future",
                c ->
                    c.getPackageName().startsWith("dev.steward.domain")
                        || c.getPackageName().startsWith("dev.steward.application")
                        || c.getPackageName().startsWith("java")
                        || c.getName().equals("io.vertx.core.Future")
                        || c.getName().startsWith("io.vertx.core.Future$")))
        .check(classes);
  }

  @Test
  void noSqlClientOrLdapTypeAppearsInAPort() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.steward.application.port..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..", "com.unboundid..")
        .check(classes);
  }

  @Test
  void adaptersNeverUseEachOther() {
    slices().matching("dev.steward.adapter.(*)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void incomingPortsAreInterfacesOrRecordsAndServicesImplementThem() {
    classes()
        .that()
        .resideInAPackage("dev.steward.application.port.in..")
        .and()
        .areTopLevelClasses()
        .should()
        .beInterfaces()
        .orShould()
        .beRecords()
        .check(classes);
    classes()
        .that()
        .resideInAPackage("dev.steward.application.service..")
        .and()
        .haveSimpleNameEndingWith("Service")
        .should()
        .implement(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "an incoming port",
                c -> c.getPackageName().startsWith("dev.steward.application.port.in")))
        .check(classes);
  }

  @Test
  void onlyBootstrapKnowsDagger() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.steward.bootstrap..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dagger..", "javax.inject..")
        .check(classes);
  }

  @Test
  void theDomainIsFreeOfCycles() {
    slices().matching("dev.steward.(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * A capability's services (application/service/&lt;capability&gt;) use another capability only
   * through its ports or the domain, never its service classes. What every capability shares lives
   * in the parent package, {@code application.service}.
   */
  @Test
  void capabilitiesMeetOnlyThroughPortsAndTheDomain() {
    slices()
        .matching("dev.steward.application.service.(*)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void theSharedServicePiecesUseNoCapability() {
    noClasses()
        .that()
        .resideInAPackage("dev.steward.application.service")
        .should()
        .dependOnClassesThat(inASubPackageOf("dev.steward.application.service"))
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.steward.application.port.in")
        .should()
        .dependOnClassesThat(inASubPackageOf("dev.steward.application.port.in"))
        .check(classes);
  }

  @Test
  void capabilityPortsAreFreeOfCycles() {
    slices()
        .matching("dev.steward.application.port.in.(*)..")
        .should()
        .beFreeOfCycles()
        .check(classes);
    slices()
        .matching("dev.steward.application.port.out.(*)..")
        .should()
        .beFreeOfCycles()
        .check(classes);
  }

  /** Each Graph resource family's routes stand alone; they share only the root http package. */
  @Test
  void routeFamiliesNeverUseEachOther() {
    slices()
        .matching("dev.steward.adapter.http.(*)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  private static com.tngtech.archunit.base.DescribedPredicate<
          com.tngtech.archunit.core.domain.JavaClass>
      inASubPackageOf(String parent) {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "are in a sub-package of " + parent, c -> c.getPackageName().startsWith(parent + "."));
  }
}
