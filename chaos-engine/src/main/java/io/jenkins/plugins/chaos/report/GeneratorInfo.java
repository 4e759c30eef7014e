package io.jenkins.plugins.chaos.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Properties;

/**
 * Which program wrote a report, so that a journal read a year later can be traced back to the code.
 *
 * @param name    {@code chaos-engine}
 * @param version the engine's Maven version; {@code dev} when running from a build directory
 */
public record GeneratorInfo(String name, String version) implements Serializable {

    public static final String NAME = "chaos-engine";
    private static final String POM_PROPERTIES = "/META-INF/maven/io.jenkins.plugins.chaos/chaos-engine/pom.properties";

    /** The running engine: the jar manifest first, then the pom.properties Maven puts into every jar. */
    public static GeneratorInfo current() {
        String version = GeneratorInfo.class.getPackage().getImplementationVersion();
        if (version == null) {
            try (InputStream in = GeneratorInfo.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    version = properties.getProperty("version");
                }
            } catch (IOException e) {
                version = null;
            }
        }
        return new GeneratorInfo(NAME, version == null || version.isBlank() ? "dev" : version);
    }
}
