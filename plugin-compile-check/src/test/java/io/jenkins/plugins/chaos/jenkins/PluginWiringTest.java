package io.jenkins.plugins.chaos.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.security.ACL;
import java.util.List;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the plugin is wired into Jenkins, for the #10 items that only a running Jenkins would show and that live in
 * calls rather than in plain logic: read from the compiled plugin classes.
 */
class PluginWiringTest {

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.jenkins.plugins.chaos.jenkins");
    }

    @Test
    void probeResultsCarryTheirStageAsTheJunitStepRecordsIt() {
        classes().that().haveSimpleName("ProbeStepExecution")
                .should().callMethod(JUnitResultsStepExecution.class, "getEnclosingStagesAndParallels", FlowNode.class)
                .andShould().callMethod(JUnitResultsStepExecution.class, "getEnclosingBlockIds", List.class)
                .andShould().callMethod(JUnitResultsStepExecution.class, "getEnclosingBlockNames", List.class)
                .because("before #10 every probe's JUnit results had empty enclosing blocks: no stage attribution")
                .check(plugin);
    }

    @Test
    void theGlobalAlertCredentialsAreResolvedAsTheSystemNotTheJob() {
        noClasses().that().haveSimpleName("ChaosGlobalConfiguration")
                .should().callMethod(CredentialResolver.class, "secretText", Run.class, String.class, String.class)
                .because("before #10 the global Slack/PagerDuty ids were looked up with the job's permissions")
                .check(plugin);
        classes().that().haveSimpleName("CredentialResolver").should().accessField(ACL.class, "SYSTEM2").check(plugin);
    }

    @Test
    void theDeadMansSwitchReadsItsIndexNotTheBuildsOfEveryJob() {
        noClasses().should().callMethod(Run.class, "getPreviousBuild")
                .orShould().callMethod(Run.class, "getRootDir")
                .because("before #10 it walked 21 builds of every job a minute and kept state next to build directories")
                .check(plugin);
    }

    @Test
    void aBodylessInjectHoldsWithATimerNotASleepingThread() {
        noClasses().that().haveSimpleName("ChaosInjectExecution")
                .should().callMethod(Thread.class, "sleep", long.class)
                .because("before #10 the hold slept in a thread: it blocked a safe restart and failed after one")
                .check(plugin);
        classes().that().haveSimpleName("ChaosInjectExecution").should().callMethod(Timer.class, "get").check(plugin);
    }

    @Test
    void anAbortOrARestartOfChaosInjectGoesThroughItsPhasesNotTheBaseClass() {
        // InjectLifecycleTest shows what each phase does; this keeps the execution asking it
        classes().that().haveSimpleName("ChaosInjectExecution")
                .should().callMethod(InjectLifecycle.class, "stop", Throwable.class)
                .andShould().callMethod(InjectLifecycle.class, "onResume")
                .andShould().callMethod(InjectLifecycle.class, "holdOver")
                .because("GeneralNonBlockingStepExecution's stop drops the cleanup block and its onResume fails the step"
                        + " without cleanup after a hard restart during setup or cleanup")
                .check(plugin);
    }

    @Test
    void credentialDropDownsListWhatTheBuildsWillFind() {
        // the credentials plugin's consumer guide: a job's credentials are listed as the authentication its builds run as
        classes().that().haveSimpleName("CredentialItems")
                .should().callMethod(Tasks.class, "getAuthenticationOf2", Queue.Task.class)
                .check(plugin);
    }
}
