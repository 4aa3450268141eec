package dev.marginsim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md, checked on the compiled main code of every module:
 * core ← simulator, contracts, oracle-adapters, prover; cli → everything; the simulator and the prover
 * stay pure libraries that a user can embed without a chain client.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.marginsim");
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.marginsim.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.marginsim.core..")
                .check(main);
    }

    @Test
    void simulatorIsAPureLibrary() {
        noClasses().that().resideInAPackage("dev.marginsim.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.web3j..", "io.vertx..", "picocli..",
                        "okhttp3..", "dev.marginsim.contracts..", "dev.marginsim.cli..", "dev.marginsim.testkit..")
                .check(main);
    }

    @Test
    void contractsClientDoesNotReachIntoTheEngineOrTheCli() {
        noClasses().that().resideInAPackage("dev.marginsim.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.marginsim.simulator..", "dev.marginsim.cli..",
                        "picocli..")
                .check(main);
    }

    @Test
    void proverIsAPureLibrary() {
        noClasses().that().resideInAPackage("dev.marginsim.prover..")
                .should().dependOnClassesThat().resideInAnyPackage("org.web3j..", "io.vertx..", "picocli..",
                        "okhttp3..", "dev.marginsim.contracts..", "dev.marginsim.oracle..", "dev.marginsim.cli..",
                        "dev.marginsim.testkit..")
                .check(main);
    }

    @Test
    void oracleAdaptersDoNotReachIntoTheEngineTheProverOrTheCli() {
        noClasses().that().resideInAPackage("dev.marginsim.oracle..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.marginsim.simulator..",
                        "dev.marginsim.prover..", "dev.marginsim.cli..", "picocli..", "dev.marginsim.testkit..")
                .check(main);
    }
}
