package io.junction.server.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One value of the file with its line and key path, read as the type a key expects. A value that is
 * not of that type is reported to the {@link ConfigReading} and read as empty, so the loader carries
 * on and finds the next problem too.
 *
 * <p>Scalars are read from their text, not from YAML's guess at their type: {@code password: 0123}
 * is the string {@code 0123}, and {@code port: ${PORT}} is a port once substituted.
 */
final class ConfigNode {
    private static final int MAX_ECHOED_CHARS = 60;

    private final ConfigReading reading;
    private final Node node;
    private final String path;
    private final String schemaPath;
    private final int line;

    private ConfigNode(ConfigReading reading, Node node, String path, String schemaPath, int line) {
        this.reading = reading;
        this.node = node;
        this.path = path;
        this.schemaPath = schemaPath;
        this.line = line;
    }

    static ConfigNode root(ConfigReading reading, Node node) {
        return new ConfigNode(reading, Objects.requireNonNull(node, "node is null"), "", "", lineOf(node));
    }

    /** A value under a key the loader knows. */
    ConfigNode child(String key, Node keyNode, Node value) {
        return new ConfigNode(reading, value, join(path, key), join(schemaPath, key), lineOf(keyNode, value));
    }

    /** A value under a key the file chooses (a source name, a driver property). */
    ConfigNode freeFormChild(String key, Node keyNode, Node value) {
        return new ConfigNode(reading, value, join(path, key), join(schemaPath, "*"), lineOf(keyNode, value));
    }

    private ConfigNode item(int index, Node value) {
        return new ConfigNode(reading, value, path + "[" + index + "]", schemaPath + "[]", lineOf(value));
    }

    /**
     * A scalar is reported where it is written; a block mapping or list where its key is, since its own
     * node only starts at its first entry, on the next line.
     */
    private static int lineOf(Node key, Node value) {
        return value instanceof ScalarNode ? lineOf(value) : lineOf(key);
    }

    static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    ConfigReading reading() {
        return reading;
    }

    String path() {
        return path;
    }

    String schemaPath() {
        return schemaPath;
    }

    /** 1-based, as editors count. */
    int line() {
        return line;
    }

    void report(String message) {
        reading.report(line(), path, message);
    }

    /** An empty value, {@code ~} or {@code null}: treated as if the key were absent. */
    boolean isNull() {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    Optional<ConfigMapping> mapping() {
        if (node instanceof MappingNode mappingNode) {
            return Optional.of(new ConfigMapping(this, mappingNode));
        }
        report("expected a mapping of keys to values, got " + describe());
        return Optional.empty();
    }

    Optional<List<ConfigNode>> list() {
        if (node instanceof SequenceNode sequence) {
            List<ConfigNode> items = new ArrayList<>();
            for (Node value : sequence.getValue()) {
                items.add(item(items.size(), value));
            }
            return Optional.of(items);
        }
        report("expected a list, got " + describe());
        return Optional.empty();
    }

    /** The scalar's text with {@code ${VAR}} substituted. */
    Optional<String> text() {
        if (!(node instanceof ScalarNode scalar)) {
            report("expected a single value, got " + describe());
            return Optional.empty();
        }
        if (isNull()) {
            report("expected a value, got nothing (write \"\" for an empty string)");
            return Optional.empty();
        }
        try {
            return Optional.of(reading.substitute(scalar.getValue()));
        } catch (IllegalArgumentException e) {
            report(e.getMessage());
            return Optional.empty();
        }
    }

    Optional<String> nonBlankText(String expected) {
        return text().filter(value -> {
            if (value.isBlank()) {
                report("expected " + expected + ", got an empty value");
                return false;
            }
            return true;
        });
    }

    Optional<Integer> positiveInt() {
        return integer(1, Integer.MAX_VALUE, "a positive integer");
    }

    Optional<Integer> nonNegativeInt() {
        return integer(0, Integer.MAX_VALUE, "an integer of 0 or more");
    }

    Optional<Integer> port() {
        return integer(0, 65_535, "a port number from 0 to 65535");
    }

    private Optional<Integer> integer(int min, int max, String expected) {
        return text().flatMap(value -> {
            try {
                int number = Integer.parseInt(value.trim());
                if (number >= min && number <= max) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // reported below, with what was expected
            }
            report("expected " + expected + ", got " + quote(value));
            return Optional.empty();
        });
    }

    /** @param allowZero whether {@code 0s} makes sense for this key */
    Optional<Duration> duration(boolean allowZero) {
        return text().flatMap(value -> {
            Optional<Duration> duration = ConfigUnits.parseDuration(value)
                    .filter(d -> allowZero || !d.isZero());
            if (duration.isEmpty()) {
                report("expected " + (allowZero ? "a" : "a non-zero") + " duration such as "
                        + ConfigUnits.DURATION_EXAMPLES + ", got " + quote(value));
            }
            return duration;
        });
    }

    /** A positive size that fits an {@code int}. */
    Optional<Integer> sizeInBytes() {
        return text().flatMap(value -> {
            OptionalLong size = ConfigUnits.parseSize(value);
            if (size.isPresent() && size.getAsLong() > 0 && size.getAsLong() <= Integer.MAX_VALUE) {
                return Optional.of((int) size.getAsLong());
            }
            report("expected a size from 1 byte to below 2GB, such as " + ConfigUnits.SIZE_EXAMPLES + ", got "
                    + quote(value));
            return Optional.empty();
        });
    }

    /** A size that may exceed 2GB. */
    Optional<Long> longSizeInBytes() {
        return text().flatMap(value -> {
            OptionalLong size = ConfigUnits.parseSize(value);
            if (size.isPresent() && size.getAsLong() > 0) {
                return Optional.of(size.getAsLong());
            }
            report("expected a positive size such as " + ConfigUnits.SIZE_EXAMPLES + ", got " + quote(value));
            return Optional.empty();
        });
    }

    Optional<Boolean> bool() {
        return text().flatMap(value -> {
            String v = value.trim();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.parseBoolean(v));
            }
            report("expected true or false, got " + quote(value));
            return Optional.empty();
        });
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return quote(((ScalarNode) node).getValue());
    }

    /** Values are echoed so the operator sees what was read; secrets are never read through a typed key. */
    static String quote(String value) {
        String shown = value.length() > MAX_ECHOED_CHARS ? value.substring(0, MAX_ECHOED_CHARS) + "..." : value;
        return '"' + shown + '"';
    }
}
