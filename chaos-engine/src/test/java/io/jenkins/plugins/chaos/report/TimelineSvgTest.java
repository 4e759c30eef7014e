package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineSvgTest {

    @Test
    void p95IsDrawnLastAndDashedSoThatP99NeverHidesIt() throws Exception {
        Document svg = parse(TimelineSvg.render(RunFixtures.timeline(1_000, 70, 20, 50)));
        NodeList paths = svg.getElementsByTagName("path");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("class").startsWith("latency-")) {
                order.add(path.getAttribute("class"));
                assertEquals(path.getAttribute("class").equals("latency-p95"), path.hasAttribute("stroke-dasharray"),
                        path.getAttribute("class"));
            }
        }
        assertEquals(List.of("latency-p50", "latency-p99", "latency-p95"), order);
    }

    @Test
    void isWellFormedSvgWithAxesLegendAndFaultWindow() throws Exception {
        Document svg = parse(TimelineSvg.render(RunFixtures.timeline(1_000, 70, 20, 50)));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"));
        List<String> texts = texts(svg);
        for (String label : List.of("latency", "provider share", "p50 latency", "p95 latency", "p99 latency",
                "primary", "secondary", "graceful error", "ungraceful", "fault window", "fault active", "0s", "10s",
                "1m", "100%", "0%")) {
            assertTrue(texts.contains(label), label + " missing from " + texts);
        }
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("time since 1970-01-01T00:16:40Z (one bar per second)")),
                texts.toString());
        // latency axis reaches the largest p99 (2400 ms * 2.6 = 6240 ms), rounded up to a readable 10 s
        assertTrue(texts.contains("10 s"), texts.toString());
        Element fault = byClass(svg, "rect", "fault-window").get(0);
        double x = Double.parseDouble(fault.getAttribute("x"));
        double width = Double.parseDouble(fault.getAttribute("width"));
        // 70 columns over 996 px from x=80: the window covers seconds 20..49
        assertEquals(80 + 20 * 996.0 / 70, x, 0.1);
        assertEquals(30 * 996.0 / 70, width, 0.1);
    }

    @Test
    void stackedBarsFollowTheProviderShare() throws Exception {
        // one second: 10 primary, 5 secondary, 5 ungraceful of 20
        List<TimelinePoint> points = List.of(new TimelinePoint(50, 20, 10, 5, 0, 5, 100, 200, 300, true));
        Document svg = parse(TimelineSvg.render(points));
        NodeList rects = svg.getElementsByTagName("g").item(0).getChildNodes();
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            if (rects.item(i) instanceof Element e) {
                bars.add(e);
            }
        }
        assertEquals(3, bars.size());
        assertEquals("#1e88e5", bars.get(0).getAttribute("fill"));
        assertEquals(75.0, Double.parseDouble(bars.get(0).getAttribute("height")), 0.1);
        assertEquals("#43a047", bars.get(1).getAttribute("fill"));
        assertEquals(37.5, Double.parseDouble(bars.get(1).getAttribute("height")), 0.1);
        assertEquals("#e53935", bars.get(2).getAttribute("fill"));
        assertEquals(37.5, Double.parseDouble(bars.get(2).getAttribute("height")), 0.1);
    }

    @Test
    void longRunsAreBucketedAndKeepTheWorstSecond() throws Exception {
        int seconds = 4 * 3600;
        List<TimelinePoint> points = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            double p99 = s == 7_777 ? 29_000 : 500;
            points.add(new TimelinePoint(s, 10, 10, 0, 0, 0, 100, 200, p99, s >= 3600 && s < 3900));
        }
        String text = TimelineSvg.render(points);
        Document svg = parse(text);
        String p99 = byClass(svg, "path", "latency-p99").get(0).getAttribute("d");
        int vertices = p99.split("[ML]").length - 1;
        assertTrue(vertices <= TimelineSvg.MAX_COLUMNS && vertices >= TimelineSvg.MAX_COLUMNS - 1, "" + vertices);
        assertTrue(texts(svg).contains("30 s"), "the 29 s spike sets the axis even though averaged away it would not");
        assertTrue(texts(svg).stream().anyMatch(t -> t.contains("one bar per 24 s")));
        assertEquals(1, byClass(svg, "rect", "fault-window").size());
        assertTrue(text.length() < 200_000, "svg size " + text.length());
    }

    @Test
    void secondsWithoutTrafficBreakTheLines() throws Exception {
        List<TimelinePoint> points = List.of(
                new TimelinePoint(0, 5, 5, 0, 0, 0, 100, 150, 200, false),
                new TimelinePoint(1, 5, 5, 0, 0, 0, 110, 160, 210, false),
                new TimelinePoint(2, 0, 0, 0, 0, 0, 0, 0, 0, true),
                new TimelinePoint(4, 5, 0, 5, 0, 0, 300, 400, 500, true));
        Document svg = parse(TimelineSvg.render(points));
        String d = byClass(svg, "path", "latency-p50").get(0).getAttribute("d");
        assertEquals(2, d.chars().filter(c -> c == 'M').count(), d);
        assertEquals(1, d.chars().filter(c -> c == 'L').count(), d);
        assertEquals(1, byClass(svg, "rect", "fault-window").size(), "seconds 2..4 form one window");
    }

    @Test
    void twoFaultWindowsAreTwoShadedAreas() throws Exception {
        List<TimelinePoint> points = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            points.add(new TimelinePoint(s, 1, 1, 0, 0, 0, 1, 2, 3, (s >= 5 && s < 10) || s >= 20));
        }
        assertEquals(2, byClass(parse(TimelineSvg.render(points)), "rect", "fault-window").size());
    }

    @Test
    void refusesToDrawNothing() {
        assertThrows(IllegalArgumentException.class, () -> TimelineSvg.render(List.of()));
    }

    @Test
    void axisHelpers() {
        assertEquals(1, TimelineSvg.niceCeiling(0.7), 1e-9);
        assertEquals(500, TimelineSvg.niceCeiling(420), 1e-9);
        assertEquals(1000, TimelineSvg.niceCeiling(501), 1e-9);
        assertEquals(2000, TimelineSvg.niceCeiling(1000.5), 1e-9);
        assertEquals("250 ms", TimelineSvg.latencyLabel(250));
        assertEquals("1.5 s", TimelineSvg.latencyLabel(1500));
        assertEquals("2 s", TimelineSvg.latencyLabel(2000));
        assertEquals("30 s", TimelineSvg.latencyLabel(30_000));
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document svg) {
        NodeList list = svg.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    private static List<Element> byClass(Document svg, String tag, String cls) {
        NodeList list = svg.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }
}
