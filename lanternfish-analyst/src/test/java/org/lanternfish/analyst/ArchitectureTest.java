package org.lanternfish.analyst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

  private static final JavaClasses ANALYST = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.lanternfish.analyst");

  @Test
  void analyst_doesNoFileNetworkOrDatabaseIo() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|Random).*")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..",
            "javax.sql..")
        .check(ANALYST);
  }

  @Test
  void analyst_usesNoWebOrStreamFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
            "javax.servlet..", "org.eclipse.jetty..", "org.springframework..", "org.apache.flink..",
            "org.apache.kafka..", "com.fasterxml.jackson..", "org.duckdb..")
        .check(ANALYST);
  }

  @Test
  void analyst_readsNoWallClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .check(ANALYST);
  }
}
