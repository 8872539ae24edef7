package org.lanternfish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The detection core stays plain Java: no files, no network, no database, no web or streaming framework, no threads
 * (those are the embedded runner's).
 */
final class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("org.lanternfish");

  @Test
  void core_doesNoIo() {
    noClasses().that().resideInAPackage("org.lanternfish..")
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.sql..", "java.net..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
        .check(CORE);
  }

  @Test
  void core_usesNoFramework() {
    noClasses().that().resideInAPackage("org.lanternfish..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.apache.flink..",
            "org.apache.kafka..", "org.duckdb..", "com.fasterxml.jackson..", "tools.jackson..")
        .check(CORE);
  }

  @Test
  void core_startsNoThreads() {
    // Threads, executors and sharding belong to a runner (detect.embedded here, a stream processor elsewhere): the
    // core is the plain per-key step every runner calls.
    noClasses().that().resideInAPackage("org.lanternfish..")
        .and().resideOutsideOfPackage("org.lanternfish.detect.embedded..")
        .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Runnable")
        .check(CORE);
  }

  @Test
  void core_keepsNoStaticMutableState() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields().that().areStatic()
        .and().areDeclaredInClassesThat().resideInAPackage("org.lanternfish..")
        .should().beFinal()
        .check(CORE);
  }
}
