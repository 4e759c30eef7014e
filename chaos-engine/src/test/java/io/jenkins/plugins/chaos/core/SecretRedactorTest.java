package io.jenkins.plugins.chaos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void masksEveryOccurrenceAndLeavesOtherTextAlone() {
        SecretRedactor redactor = new SecretRedactor(List.of("tk-alice-123", "hooks.slack.com/services/T0/B0/xyz"));
        assertEquals("Bearer **** and ****!", redactor.redact("Bearer tk-alice-123 and tk-alice-123!"));
        assertEquals("posting to https://****", redactor.redact("posting to https://hooks.slack.com/services/T0/B0/xyz"));
        String clean = "nothing secret here";
        assertSame(clean, redactor.redact(clean), "a text without secrets is returned as it is");
    }

    @Test
    void overlappingAndNestedSecretsAreNeverHalfRevealed() {
        SecretRedactor redactor = new SecretRedactor(List.of("ABCDEF", "DEFGHI", "CDE1"));
        assertEquals("x****y", redactor.redact("xABCDEFGHIy"), "two overlapping secrets become one mask");
        assertEquals("****", redactor.redact("ABCDEF"));
        assertEquals("****1", redactor.redact("ABCDEF1"), "CDE1 is not in the text");
        assertEquals("AB****", redactor.redact("ABCDE1"), "CDE1 inside a text that starts like ABCDEF");
    }

    @Test
    void shortAndNullSecretsAreIgnored() {
        SecretRedactor redactor = new SecretRedactor(Arrays.asList(null, "abc", "abcd"));
        assertEquals("abc ****", redactor.redact("abc abcd"));
        assertEquals(null, redactor.redact(null));
        assertEquals("ab", redactor.redact("ab"));
        assertEquals("none", SecretRedactor.none().redact("none"));
    }

    /** Against the plain definition: every character covered by any occurrence of any secret is masked. */
    @Test
    void agreesWithTheDefinitionOnRandomTexts() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            List<String> secrets = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(6); s++) {
                secrets.add(randomText(random, 4 + random.nextInt(5)));
            }
            String text = randomText(random, random.nextInt(60));
            // plant some secrets so that matches are common
            for (int p = 0; p < random.nextInt(4); p++) {
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + secrets.get(random.nextInt(secrets.size())) + text.substring(at);
            }
            String expected = byDefinition(text, secrets);
            String actual = new SecretRedactor(secrets).redact(text);
            assertEquals(expected, actual, "text '" + text + "' secrets " + secrets);
            for (String secret : secrets) {
                assertFalse(actual.contains(secret), () -> "leaked " + secret);
            }
        }
    }

    @Test
    void survivesSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new SecretRedactor(List.of("tk-bob-456")));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SecretRedactor copy = (SecretRedactor) in.readObject();
            assertEquals("token ****", copy.redact("token tk-bob-456"));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("abc-".charAt(random.nextInt(4)));
        }
        return text.toString();
    }

    private static String byDefinition(String text, List<String> secrets) {
        boolean[] covered = new boolean[text.length()];
        for (String secret : secrets) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                for (int i = at; i < at + secret.length(); i++) {
                    covered[i] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (covered[i]) {
                out.append(SecretRedactor.MASK);
                while (i < text.length() && covered[i]) {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
