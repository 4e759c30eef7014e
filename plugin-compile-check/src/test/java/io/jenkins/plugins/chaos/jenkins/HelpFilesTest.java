package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Snippet Generator shows help-<argument>.html next to every field; a missing one is a silent gap in the UI. */
class HelpFilesTest {

    private static List<String> missingHelp(Class<?> type, boolean stepHelp) {
        List<String> missing = new ArrayList<>();
        String base = type.getSimpleName() + "/";
        if (stepHelp && type.getResource(base + "help.html") == null) {
            missing.add(base + "help.html");
        }
        for (Map.Entry<String, Class<?>> argument : StepArgumentModel.arguments(type).entrySet()) {
            if (type.getResource(base + "help-" + argument.getKey() + ".html") == null) {
                missing.add(base + "help-" + argument.getKey() + ".html");
            }
            if (StepArgumentModel.isNested(argument.getValue())) {
                missing.addAll(missingHelp(argument.getValue(), false));
            }
        }
        return missing;
    }

    @Test
    void everyStepAndEveryArgumentHasHelp() {
        List<String> missing = new ArrayList<>();
        for (Class<?> step : ChaosStepNames.STEPS.values()) {
            missing.addAll(missingHelp(step, true));
            assertNotNull(step.getResource(step.getSimpleName() + "/config.jelly"), step + " has no config.jelly");
        }
        missing.addAll(missingHelp(ChaosGlobalConfiguration.class, false));
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    @Test
    void theBuildActionHasItsPages() {
        assertNotNull(ChaosRunAction.class.getResource("ChaosRunAction/summary.jelly"));
        assertNotNull(ChaosRunAction.class.getResource("ChaosRunAction/index.jelly"));
    }
}
