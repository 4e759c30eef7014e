package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * Every experiment and manifest file is read through here, so that hostile or broken input is refused the same way:
 * regular files only (never a device or a pipe, which would block or never end), at most {@link #MAX_BYTES}; YAML with
 * duplicate keys or aliases refused (last-one-wins or a {@code *alias} would show the guardrails something other
 * than what Kubernetes applies); parse errors with file, line and column but never the content of a line, which may
 * be a secret.
 */
public final class YamlInput {

    /** Far above any real experiment or manifest (the largest Chaos Mesh CRD is under 1 MiB). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    /** The longest line read (see {@link #checkLength}). */
    public static final int MAX_LINE = 256 * 1024;

    private static final YAMLMapper YAML = strictMapper();

    private YamlInput() {
    }

    /** A problem with the input, already worded for the user (file, line, column; no content). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    static YAMLMapper strictMapper() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
        YAMLMapper mapper = new YAMLMapper(factory);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        return mapper;
    }

    /** The text of {@code file}, if it is a regular file of at most 8 MiB of UTF-8. */
    public static String read(Path file, String what) throws Refused {
        BasicFileAttributes attributes;
        try {
            // follows links, as kubectl does: a link to a device or a pipe is refused below like the thing itself
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused("cannot read " + what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new Refused("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
        }
        if (attributes.isDirectory()) {
            throw new Refused(what + " " + file + " is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(what + " " + file + " is not a regular file (a device, a pipe or a socket is never read)");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new Refused(what + " " + file + " is " + attributes.size() + " bytes; at most " + MAX_BYTES
                    + " (8 MiB) are read");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // the size may have changed since it was checked: never read more than the limit
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Refused("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused(what + " " + file + " grew beyond " + MAX_BYTES + " bytes (8 MiB) while it was read");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(what + " " + file + " is not UTF-8 text");
        }
    }

    /**
     * The size limit (text given directly, e.g. a Pipeline step's YAML, has not passed {@link #read}) and the line
     * limit: SnakeYAML re-copies its buffer for every 1024 characters of a token, so one huge line costs time
     * quadratic in its length (a 20 MB line took minutes); 256 KiB, the most Kubernetes allows for all annotations of
     * an object, parses in well under a second.
     */
    static void checkLength(String text, String source) throws Refused {
        if (text == null) {
            return;
        }
        if (text.length() > MAX_BYTES) {
            throw new Refused(source + " is " + text.length() + " characters; at most " + MAX_BYTES + " (8 MiB) are read");
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new Refused(source + ": line " + line + " is " + (i - start) + " characters long; at most "
                            + MAX_LINE + " per line are read");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Every document of {@code text}; empty documents come back as null nodes. */
    public static List<JsonNode> documents(String text, String source) throws Refused {
        checkLength(text, source);
        refuseAliases(text, source);
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                out.add(docs.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused(describe(e, source));
        }
        return out;
    }

    /** The first document of {@code text} (null when empty). */
    public static JsonNode document(String text, String source) throws Refused {
        checkLength(text, source);
        refuseAliases(text, source);
        try {
            return YAML.readTree(text == null ? "" : text);
        } catch (IOException | RuntimeException e) {
            throw new Refused(describe(e, source));
        }
    }

    /**
     * Jackson turns {@code *alias} into the alias' name as a plain string, so the guardrails would check a word
     * while Kubernetes (which resolves aliases) applies the anchored map: refuse them, with where they are.
     */
    private static void refuseAliases(String text, String source) throws Refused {
        if (text == null || text.indexOf('*') < 0) {
            return;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof AliasEvent) {
                    throw new Refused("YAML alias in " + source + at(event.getStartMark())
                            + ": aliases (*name) are not accepted; write the value out, so that what is checked is "
                            + "what is applied");
                }
            }
        } catch (RuntimeException e) {
            throw new Refused(describe(e, source));
        }
    }

    /** A parse error as file, line, column and the parser's description of the problem, never the offending line. */
    static String describe(Throwable error, String source) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
                return "YAML syntax error in " + source + at(mark) + ": " + firstLine(problem);
            }
        }
        if (error instanceof JsonProcessingException json) {
            String message = json.getOriginalMessage() == null ? "" : json.getOriginalMessage();
            String where = at(json.getLocation());
            if (message.startsWith("Duplicate field")) {
                return "YAML duplicate key in " + source + where + ": " + firstLine(message).replace("Duplicate field",
                        "key") + " is given twice; a later value would silently replace the earlier one";
            }
            return "YAML syntax error in " + source + where + ": not valid YAML";
        }
        return "YAML syntax error in " + source + ": not valid YAML (" + error.getClass().getSimpleName() + ")";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "not valid YAML";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
