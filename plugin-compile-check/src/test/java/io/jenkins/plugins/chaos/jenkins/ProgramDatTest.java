package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.objenesis.ObjenesisStd;

/**
 * While a step runs, its execution (and every callback it registered) sits in the build's {@code program.dat},
 * written by workflow-support's {@code org.jenkinsci.plugins.workflow.support.pickles.serialization.RiverWriter}
 * with JBoss Marshalling River and read back by {@code RiverReader} after a restart. That file is on the
 * controller's disk, in every backup of JENKINS_HOME. So no credential value may be in it.
 *
 * <p>Each execution of the plugin is given, in every field it has (transient or not), the state the running step
 * holds: the step with its credential ids, resource references, and wherever a type can carry them the resolved
 * kubeconfig and tokens. Then it is written as RiverWriter writes it, and the bytes are searched.
 */
class ProgramDatTest {

    private final ObjenesisStd objenesis = new ObjenesisStd();

    /** RiverWriter's configuration: River, an object resolver (the pickles), nothing else. */
    private static MarshallingConfiguration configuration() {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                return replacement;
            }

            @Override
            public Object writeReplace(Object original) {
                // RiverWriter's pickle factories replace Jenkins objects (FilePath, Run, ...); the plugin stores none
                return original;
            }
        });
        // RiverReader resolves classes through the flow's class loader
        config.setClassResolver(new SimpleClassResolver(ProgramDatTest.class.getClassLoader()));
        return config;
    }

    static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(configuration());
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(o);
        marshaller.finish();
        return bytes.toByteArray();
    }

    static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(configuration());
        unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
        Object o = unmarshaller.readObject();
        unmarshaller.finish();
        return o;
    }

    @Test
    void theDetectorFindsASecretWhereThereIsOne() throws Exception {
        // the run options hold the redactor, which holds every secret: exactly what must stay out of program.dat
        assertNotNull(RuntimeFixtures.leakedSecret(write(RuntimeFixtures.options())));
        assertNotNull(RuntimeFixtures.leakedSecret(write(RuntimeFixtures.credentials())));
        // the global Slack webhook and PagerDuty routing key, which travel to the agent with the run
        assertNotNull(RuntimeFixtures.leakedSecret(write(RuntimeFixtures.alertTargets())));
        assertNotNull(RuntimeFixtures.leakedSecret(write(RuntimeFixtures.redactor())));
    }

    /**
     * The live alerts' secrets cross to the agent inside the callable, which no step execution holds, and come back
     * as none: neither the run's result with its deliveries nor the incident state carries one.
     */
    @Test
    void whatTheLiveAlertsBringBackHoldsNoSecret() throws Exception {
        ProbeRun back = new ProbeRun(RuntimeFixtures.tenantRun(3, 1, "evidence"),
                RuntimeFixtures.liveAlertOutcome(Instant.parse("2026-12-01T12:00:00Z")), RuntimeFixtures.ALERT_STATE);
        assertNull(RuntimeFixtures.leakedSecret(write(back)));
        for (Class<? extends StepExecution> type : PluginClasses.subclassesOf(StepExecution.class)) {
            for (Field field : fields(type)) {
                assertTrue(field.getType() != RunExperimentCallable.class && field.getType() != AlertTargets.class,
                        type.getSimpleName() + "." + field.getName() + " would write the alert secrets into program.dat");
            }
        }
    }

    @Test
    void noStepExecutionWritesACredentialIntoProgramDat() throws Exception {
        List<Class<? extends StepExecution>> executions = PluginClasses.subclassesOf(StepExecution.class);
        assertTrue(executions.size() >= 2, "found " + executions);
        for (Class<? extends StepExecution> type : executions) {
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            StepExecution execution = objenesis.newInstance(type);
            fill(execution, type);
            List<Object> program = new ArrayList<>();
            program.add(execution);
            // the body callbacks (Cleanup) are serialised with the program too, each holding its execution
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (Serializable.class.isAssignableFrom(nested) && !Modifier.isStatic(nested.getModifiers())
                        && !Modifier.isAbstract(nested.getModifiers())) {
                    Object callback = objenesis.newInstance(nested);
                    fill(callback, nested);
                    setOuter(callback, execution);
                    program.add(callback);
                }
            }
            byte[] bytes = write(program);
            String leaked = RuntimeFixtures.leakedSecret(bytes);
            assertNull(leaked, type.getSimpleName() + " writes a secret into program.dat: " + leaked);

            List<?> back = (List<?>) read(bytes);
            assertEquals(program.size(), back.size());
            assertStepSurvives(execution, back.get(0), type);
        }
    }

    /** After a restart the execution must still know which step it runs and what to remove. */
    private static void assertStepSurvives(Object written, Object read, Class<?> type) throws IllegalAccessException {
        for (Field field : fields(type)) {
            if (Modifier.isTransient(field.getModifiers())) {
                continue;
            }
            Object before = field.get(written);
            Object after = field.get(read);
            if (before instanceof ChaosStep step) {
                assertEquals(step.getKubeconfigCredentialsId(), ((ChaosStep) after).getKubeconfigCredentialsId(), field.getName());
                assertEquals(step.stringCredentialIds(), ((ChaosStep) after).stringCredentialIds(), field.getName());
            } else if (before instanceof String || before instanceof List) {
                assertEquals(before, after, type.getSimpleName() + "." + field.getName());
            }
        }
    }

    private static void setOuter(Object inner, Object outer) throws IllegalAccessException {
        for (Field field : inner.getClass().getDeclaredFields()) {
            if (field.isSynthetic() && field.getType().isInstance(outer)) {
                field.setAccessible(true);
                field.set(inner, outer);
                return;
            }
        }
        fail(inner.getClass() + " has no reference to its execution");
    }

    /** The state a running step holds, in every field the plugin declares; a field of a new type must be added here. */
    private static void fill(Object target, Class<?> type) throws Exception {
        for (Field field : fields(type)) {
            if (field.isSynthetic() || field.getType().isPrimitive()) {
                continue;
            }
            field.set(target, valueFor(field, type));
        }
    }

    private static Object valueFor(Field field, Class<?> owner) throws Exception {
        Class<?> t = field.getType();
        if (t.isAssignableFrom(ChaosInjectStep.class)) {
            return RuntimeFixtures.injectStep();
        }
        if (t.isAssignableFrom(TenantIsolationProbeStep.class)) {
            return RuntimeFixtures.isolationStep();
        }
        if (t == RunOptions.class) {
            return RuntimeFixtures.options();
        }
        if (t == SecretRedactor.class) {
            return RuntimeFixtures.redactor();
        }
        if (t == AlertTargets.class) {
            return RuntimeFixtures.alertTargets();
        }
        if (t == ResolvedCredentials.class) {
            return RuntimeFixtures.credentials();
        }
        if (t == ConsoleRunListener.class) {
            return RuntimeFixtures.console();
        }
        if (t == String.class) {
            return "run-1";
        }
        if (t == Boolean.class) {
            return Boolean.TRUE;
        }
        if (t == Long.class || t == Integer.class) {
            return t == Long.class ? (Object) 1L : (Object) 1;
        }
        if (List.class.isAssignableFrom(t)) {
            List<Object> list = new ArrayList<>();
            if (field.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] == ChaosResourceRef.class) {
                list.add(RuntimeFixtures.resource());
            }
            return list;
        }
        if (owner == ChaosInjectExecution.class && field.getName().equals("result")) {
            // a body-less step's return value, kept for the end of its hold: what ChaosInjectExecution.summary builds
            LinkedHashMap<String, Object> summary = new LinkedHashMap<>();
            summary.put("runId", "run-1");
            summary.put("resources", List.of("NetworkChaos tenant-alice/chaos-run-1-partition"));
            summary.put("dryRun", false);
            return summary;
        }
        if (Map.class.isAssignableFrom(t)) {
            return new LinkedHashMap<>(RuntimeFixtures.TOKENS);
        }
        if (t == InjectLifecycle.class) {
            return new InjectLifecycle();
        }
        if (t == BodyExecution.class) {
            // workflow-cps's own CpsBodyExecution, which it writes itself; it holds nothing of ours
            return null;
        }
        if (t == HoldDeadline.class) {
            return HoldDeadline.after(Duration.ofMinutes(5), Instant.parse("2026-12-01T12:00:00Z").toEpochMilli());
        }
        if (Modifier.isTransient(field.getModifiers())) {
            // never written (a timer handle, a flag): River skips it, whatever it holds
            return null;
        }
        throw new AssertionError(owner.getSimpleName() + "." + field.getName() + " (" + t.getName() + "): give ProgramDatTest a "
                + "value of this type that a running step would hold, so that its persistence is checked");
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c.getName().startsWith(PluginClasses.PACKAGE); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    @Test
    void theStepsThemselvesHoldCredentialIdsOnly() throws Exception {
        for (ChaosStep step : List.of(RuntimeFixtures.injectStep(), RuntimeFixtures.isolationStep())) {
            byte[] bytes = write(step);
            assertNull(RuntimeFixtures.leakedSecret(bytes), step.functionName());
            assertTrue(bytes.length > 0);
        }
    }
}
