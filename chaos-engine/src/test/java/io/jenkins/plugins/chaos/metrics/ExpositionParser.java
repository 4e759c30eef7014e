package io.jenkins.plugins.chaos.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the Prometheus text format 0.0.4 back into samples, so tests check what a scraper would see. */
final class ExpositionParser {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, Family> families = new LinkedHashMap<>();

    static ExpositionParser parse(String text) {
        ExpositionParser parsed = new ExpositionParser();
        Map<String, String> help = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                parsed.families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0])));
            } else if (!line.startsWith("#")) {
                parsed.samples.add(sample(line));
            }
        }
        return parsed;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                i = eq + 2; // skip ="
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                labels.put(key, value.toString());
                i++; // closing quote
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The value of the one sample with this name and these labels (others may exist); fails when absent. */
    double value(String name, String... keyValues) {
        return find(name, keyValues).orElseThrow(() -> new AssertionError(
                "no sample " + name + " " + List.of(keyValues) + " in " + samples)).value();
    }

    Optional<Sample> find(String name, String... keyValues) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int k = 0; k < keyValues.length; k += 2) {
                if (!keyValues[k + 1].equals(s.labels().get(keyValues[k]))) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }
}
