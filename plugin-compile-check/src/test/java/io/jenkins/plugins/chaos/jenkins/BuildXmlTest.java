package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.io.HierarchicalStreamWriter;
import com.thoughtworks.xstream.io.xml.PrettyPrintWriter;
import com.thoughtworks.xstream.io.xml.StandardStaxDriver;
import com.thoughtworks.xstream.security.AnyTypePermission;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import org.junit.jupiter.api.Test;
import org.objenesis.ObjenesisStd;

/**
 * The build page's action is stored in {@code build.xml} and the global configuration in
 * {@code io.jenkins.plugins.chaos.jenkins.ChaosGlobalConfiguration.xml}, both written by {@code hudson.XmlFile.write}:
 * an XML 1.1 header, then {@code hudson.util.XStream2} over XStream 1.4.21 whose driver
 * ({@code XStream2.getDefaultDriver()}) writes with a {@code PrettyPrintWriter} in XML 1.1 mode and reads with StAX.
 * Fields are set by reflection without a constructor ({@code RobustReflectionConverter}), so a field missing from an
 * older file stays null. Jenkins loads {@code build.xml} with every build it lists, so its size is bounded here.
 */
class BuildXmlTest {

    /** XStream2.StaxDriver: StAX reads, PrettyPrintWriter in XML 1.1 mode writes. */
    private static final class JenkinsDriver extends StandardStaxDriver {
        @Override
        public HierarchicalStreamWriter createWriter(Writer out) {
            return new PrettyPrintWriter(out, PrettyPrintWriter.XML_1_1, getNameCoder());
        }

        // as XStream2.StaxDriver, "for Java 17 compatibility"
        @Override
        protected XMLInputFactory createInputFactory() {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            return factory;
        }

        @Override
        protected XMLOutputFactory createOutputFactory() {
            return XMLOutputFactory.newInstance();
        }
    }

    private static XStream xstream() {
        XStream xs = new XStream(new JenkinsDriver());
        // XStream2: "covered by JEP-200"
        xs.addPermission(AnyTypePermission.ANY);
        return xs;
    }

    /** hudson.XmlFile.write: a RuntimeException from XStream fails the save of the whole build. */
    static String save(Object o) {
        StringWriter out = new StringWriter();
        out.write("<?xml version='1.1' encoding='UTF-8'?>\n");
        xstream().toXML(o, out);
        return out.toString();
    }

    static Object load(String xml) {
        return xstream().fromXML(new StringReader(xml));
    }

    private static ChaosRunAction action(RunResult result) {
        return new ChaosRunAction("chaos-0", "tenantIsolationProbe", result, "chaos-reports/tenantIsolationProbe", true, 30);
    }

    private static int utf8Size(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aFiftyTenantRunWithAFewBreachesStaysSmallAndRoundTrips() {
        // 50 tenants, every ordered pair on three endpoints: 7,350 checks, 12 breached; an hour of failover timeline
        RunResult result = RuntimeFixtures.tenantRun(50, 12, "{\"files\":[\"other-tenant.jsonl\"]}");
        assertEquals(7350, result.checks().size());
        String xml = save(action(result));
        assertTrue(utf8Size(xml) < 96 * 1024, "build.xml share of one run: " + utf8Size(xml) + " bytes");

        ChaosRunAction back = (ChaosRunAction) load(xml);
        assertEquals("CRITICAL", back.getVerdict());
        assertEquals(7338, back.getPassed());
        assertEquals(12, back.getCritical());
        assertEquals(12, back.getChecks().size(), "every breach is kept");
        assertEquals(0, back.getOmittedChecks());
        assertEquals(7338, back.getPassedByProbe().get(0).getPassed());
        assertEquals(ChaosRunAction.MAX_EVIDENCE_LINES + 1, back.getChecks().get(0).getEvidence().size(), "10 lines and a pointer");
        assertTrue(back.getTimeline().size() <= ChaosRunAction.MAX_TIMELINE, "timeline rows: " + back.getTimeline().size());
        long requests = result.timeline().stream().mapToLong(TimelinePoint::requests).sum();
        assertEquals(requests, back.getTimeline().stream().mapToLong(ChaosRunAction.TimelineRow::getRequests).sum(),
                "bucketing keeps every request counted");
        long ungraceful = result.timeline().stream().mapToLong(TimelinePoint::ungraceful).sum();
        assertEquals(ungraceful, back.getTimeline().stream().mapToLong(ChaosRunAction.TimelineRow::getUngraceful).sum());
        assertFalse(back.getTimelineSvg().isEmpty());
    }

    @Test
    void theWorstCaseIsBoundedToo() {
        // every check of the matrix breached, each with 40 lines of a 2,000-character response body
        RunResult result = RuntimeFixtures.tenantRun(50, Integer.MAX_VALUE, "x".repeat(2000));
        String xml = save(action(result));
        assertTrue(utf8Size(xml) < 320 * 1024, "worst-case build.xml share: " + utf8Size(xml) + " bytes");
        ChaosRunAction back = (ChaosRunAction) load(xml);
        assertEquals(ChaosRunAction.MAX_CHECKS, back.getChecks().size());
        assertEquals(7350 - ChaosRunAction.MAX_CHECKS, back.getOmittedChecks());
        assertEquals(7350, back.getCritical(), "the counts are never capped");
    }

    @Test
    void evidenceThatXStreamCannotWriteIsCleanedInsteadOfFailingTheSave() {
        // a NUL, a lone surrogate, an emoji (a surrogate pair), U+FFFF: PrettyPrintWriter throws on each in XML 1.1 mode
        String body = "body: a\u0000b \uD800 c \uD83D\uDE00 d \uFFFF e \u0007 f";
        RunResult result = RuntimeFixtures.tenantRun(2, 1, body);
        ChaosRunAction back = (ChaosRunAction) load(save(action(result)));
        String evidence = back.getChecks().get(0).getEvidence().get(0);
        assertTrue(evidence.endsWith("body: a\uFFFDb \uFFFD c \uFFFD d \uFFFD e \uFFFD f"), evidence);
    }

    @Test
    void aBuildSavedBeforeTheChecksWereCountedStillLoads() {
        String xml = save(action(RuntimeFixtures.tenantRun(2, 1, "leak")));
        String old = xml.replaceAll("(?s)\\s*<passedByProbe>.*?</passedByProbe>", "").replaceAll("\\s*<omittedChecks>\\d+</omittedChecks>", "");
        assertFalse(old.contains("passedByProbe"));
        ChaosRunAction back = (ChaosRunAction) load(old);
        assertEquals(List.of(), back.getPassedByProbe());
        assertEquals(0, back.getOmittedChecks());
    }

    @Test
    void aDryRunStoresItsNote() {
        ChaosRunAction back = (ChaosRunAction) load(save(action(RuntimeFixtures.dryRun())));
        assertEquals("PASSED", back.getVerdict());
        assertEquals(List.of(), back.getChecks());
        assertEquals(1, back.getNotes().size());
    }

    @Test
    void theGlobalConfigurationRoundTripsAndStoresCredentialIdsOnly() throws Exception {
        // created as XStream creates it (GlobalConfiguration's constructor loads from disk), fields set as the form would
        ChaosGlobalConfiguration config = new ObjenesisStd().newInstance(ChaosGlobalConfiguration.class);
        int set = 0;
        for (Field field : ChaosGlobalConfiguration.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            if (field.getType() == String.class) {
                field.set(config, field.getName().endsWith("CredentialsId") ? "id-of-" + field.getName() : "value of " + field.getName());
                set++;
            } else if (field.getType() == int.class) {
                field.setInt(config, 45);
                set++;
            } else {
                throw new AssertionError("ChaosGlobalConfiguration." + field.getName() + ": a " + field.getType()
                        + "; add a value for it here so that its persistence is checked");
            }
        }
        assertTrue(set >= 8, "fields: " + set);
        String xml = save(config);
        ChaosGlobalConfiguration back = (ChaosGlobalConfiguration) load(xml);
        for (Field field : ChaosGlobalConfiguration.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                assertEquals(field.get(config), field.get(back), field.getName());
            }
        }
        assertEquals("id-of-slackCredentialsId", back.getSlackCredentialsId());
        assertEquals(45, back.getDeadManThresholdMinutes());
        assertTrue(xml.startsWith("<?xml version='1.1'"), xml);
    }
}
