package io.jenkins.plugins.chaos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the engine to its design (src/test/resources/design.puml, drawn in docs/architecture.md): the layering,
 * no package cycle, nothing of the playground, the CLI or a benchmark in the library the plugin bundles. The model is
 * jenkinsci/analysis-model's PackageArchitectureTest.
 */
class PackageArchitectureTest {

    static final String ENGINE = "io.jenkins.plugins.chaos";
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    @Test
    void packagesDependOnlyAsDrawnInTheDesign() {
        URL design = PackageArchitectureTest.class.getResource("/design.puml");
        ArchRuleDefinition.classes().should(adhereToPlantUmlDiagram(design, consideringOnlyDependenciesInDiagram()))
                .because("a dependency that is not in design.puml is a layering violation")
                .check(engine);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ENGINE + ".(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theLibraryHoldsNoPlaygroundCliOrBenchmark() {
        ArchRule rule = noClasses().should().resideInAnyPackage(ENGINE + ".playground..", ENGINE + ".cli..",
                        ENGINE + ".bench..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ENGINE + ".playground..", ENGINE + ".cli..",
                        ENGINE + ".bench..", "picocli..", "io.fabric8.kubernetes.client.server.mock..",
                        "okhttp3.mockwebserver..")
                .because("the plugin bundles chaos-engine; the playground, the CLI and the benchmarks have modules of "
                        + "their own");
        rule.check(engine);
    }

    @Test
    void noMainOutsideTheCli() {
        noMethods().that().areStatic().should().haveName("main")
                .because("entry points belong to chaos-cli").check(engine);
    }
}
