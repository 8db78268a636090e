package com.itvision.maintenance.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The arrows between modules and layers (CONVENTIONS.md "Layout"), checked on the compiled classes. */
class ArchitectureTest {
    private static final String ROOT = "com.itvision.maintenance";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void the_shared_kernel_is_only_the_published_language() {
        noClasses().that().resideInAPackage(ROOT + ".kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                        "java.sql..", "javax.sql..", "jakarta.persistence..", "jakarta.servlet..",
                        ROOT + ".command..", ROOT + ".projections..", ROOT + ".query..", ROOT + ".app..")
                .check(classes);
    }

    @Test
    void the_command_side_never_reads_projections_or_the_query_side() {
        noClasses().that().resideInAPackage(ROOT + ".command..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".projections..", ROOT + ".query..",
                        ROOT + ".app..")
                .check(classes);
    }

    @Test
    void projections_and_queries_never_send_commands_or_touch_aggregates() {
        noClasses().that().resideInAnyPackage(ROOT + ".projections..", ROOT + ".query..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".command..", ROOT + ".app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void aggregates_are_free_of_web_persistence_and_wall_clock() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.jdbc..", "org.jooq..", "java.sql..", "jakarta.servlet..")
                .check(classes);
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.lang.System.class, "currentTimeMillis")
                .check(classes);
    }

    @Test
    void every_event_declares_its_revision() {
        classes().that().resideInAPackage(ROOT + ".kernel..").and().areRecords()
                .and().areAssignableTo(com.itvision.maintenance.kernel.contract.ContractEvent.class)
                .or().areAssignableTo(com.itvision.maintenance.kernel.directory.UserEvent.class)
                .or().areAssignableTo(com.itvision.maintenance.kernel.directory.ClientEvent.class)
                .or().areAssignableTo(com.itvision.maintenance.kernel.directory.ProjectEvent.class)
                .and().areNotInterfaces()
                .should().beAnnotatedWith(Revision.class)
                .check(classes);
    }

    @Test
    void domain_code_never_reads_the_wall_clock_directly() {
        noClasses().that().resideInAnyPackage(ROOT + ".command..", ROOT + ".kernel..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(classes);
    }
}
