package io.jenkins.plugins.chaos.jenkins;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.alert.AlertState;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchIndex;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.engine.RunPublisher;
import io.jenkins.plugins.chaos.experiment.FaultArguments;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.fault.OwnedResources;
import io.jenkins.plugins.chaos.fault.RunRollback;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.report.TimelineSvg;
import io.jenkins.plugins.chaos.verdict.BuildOutcome;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FailOn;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin adapts, the engine decides (the warnings-ng-plugin / analysis-model split): the plugin's main code reaches
 * the engine only through its entry points, and only {@link EngineBridge} runs the engine's work (cluster calls,
 * alerts, metrics), so that an engine change is adapted in one place.
 */
class PluginUsesEngineEntryPointsTest {

    private static final String PLUGIN = "io.jenkins.plugins.chaos.jenkins";
    private static final String ENGINE = "io.jenkins.plugins.chaos";

    /** What the plugin may hold and pass around: the engine's values and its pure decisions. */
    private static final Class<?>[] VALUES = {
            ExperimentPlan.class, PlanLimits.class, RunOptions.class, RunListener.class, SecretRedactor.class,
            GoDuration.class, ValidationError.class, Messages.class, StepArguments.class, FaultArguments.class,
            RunResult.class, CheckResult.class, FaultRecord.class, TimelinePoint.class, Verdict.class, FailOn.class,
            BuildOutcome.class, InjectedFaults.class, ChaosResourceRef.class, DeadMansSwitchPolicy.class,
            DeadMansSwitchPolicy.Transition.class, TimelineSvg.class, AlertOutcome.class, DeadMansSwitchIndex.class,
            DeadMansSwitchIndex.Change.class, DeadMansSwitchIndex.Job.class, DeadMansSwitchIndex.Pager.class,
    };

    /** What does the work: reached from EngineBridge only. */
    private static final Class<?>[] WORK = {
            ExperimentLoader.class, LoadResult.class, ExperimentRunner.class, FaultInjector.class,
            FaultInjectionException.class, RunRollback.class, RunPublisher.class, ChaosMetrics.class,
            AlertSettings.class, AlertDispatcher.class, AlertState.class, OwnedResources.class, KubernetesClient.class,
    };

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(PLUGIN);
    }

    @Test
    void thePluginReachesTheEngineOnlyThroughItsEntryPoints() {
        Class<?>[] allowed = new Class<?>[VALUES.length + WORK.length];
        System.arraycopy(VALUES, 0, allowed, 0, VALUES.length);
        System.arraycopy(WORK, 0, allowed, VALUES.length, WORK.length);
        noClasses().that().resideInAPackage(PLUGIN + "..")
                .should().dependOnClassesThat(resideInAPackage(ENGINE + "..")
                        .and(not(resideInAPackage(PLUGIN + "..")))
                        .and(not(belongToAnyOf(allowed))))
                .because("the engine's internals (probes, planning, Chaos Mesh kinds, reports) are its own business")
                .check(plugin);
    }

    @Test
    void onlyTheBridgeRunsTheEnginesWork() {
        noClasses().that().resideInAPackage(PLUGIN + "..").and().doNotHaveSimpleName("EngineBridge")
                .should().dependOnClassesThat(belongToAnyOf(WORK))
                .because("EngineBridge is the one place where an engine API change is adapted")
                .check(plugin);
    }
}
