package io.junction.server.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping of the file. The loader asks it for the keys it knows; {@link #rejectUnknownKeys()} then
 * reports every other key, with the nearest known one as a suggestion, so that a misspelt key fails
 * instead of silently leaving a default in place.
 */
final class ConfigMapping {
    private final ConfigNode owner;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> knownKeys = new LinkedHashSet<>();

    ConfigMapping(ConfigNode owner, MappingNode node) {
        this.owner = owner;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = ConfigNode.lineOf(keyNode);
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                owner.reading().report(keyLine, owner.path(), "keys must be plain names, not lists or mappings");
                continue;
            }
            String key = scalarKey.getValue();
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                owner.reading().report(keyLine, childPath(key),
                        "duplicate key (first given at line " + ConfigNode.lineOf(first.getKeyNode()) + ")");
            }
        }
    }

    int line() {
        return owner.line();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A problem with the mapping as a whole, reported at its first line. */
    void report(String message) {
        owner.report(message);
    }

    /** The value of a known key, or empty when it is absent or null (then the default applies). */
    Optional<ConfigNode> optional(String key) {
        knownKeys.add(key);
        owner.reading().keyRead(ConfigNode.join(owner.schemaPath(), key));
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        ConfigNode child = owner.child(key, tuple.getKeyNode(), tuple.getValueNode());
        return child.isNull() ? Optional.empty() : Optional.of(child);
    }

    Optional<ConfigNode> required(String key) {
        Optional<ConfigNode> value = optional(key);
        if (value.isEmpty()) {
            NodeTuple tuple = entries.get(key);
            int line = tuple == null ? line() : ConfigNode.lineOf(tuple.getKeyNode());
            owner.reading().report(line, childPath(key), tuple == null ? "required key is missing" : "a value is required");
        }
        return value;
    }

    /** Every entry, for mappings whose keys the file chooses (source names, driver properties). */
    Map<String, ConfigNode> freeFormEntries() {
        owner.reading().keyRead(ConfigNode.join(owner.schemaPath(), "*"));
        Map<String, ConfigNode> children = new LinkedHashMap<>();
        entries.forEach((key, tuple) -> children.put(key, owner.freeFormChild(key, tuple.getKeyNode(), tuple.getValueNode())));
        return children;
    }

    void rejectUnknownKeys() {
        entries.forEach((key, tuple) -> {
            if (!knownKeys.contains(key)) {
                owner.reading().report(ConfigNode.lineOf(tuple.getKeyNode()), childPath(key),
                        "unknown key" + suggestion(key) + "; known keys here: " + String.join(", ", knownKeys));
            }
        });
    }

    private String childPath(String key) {
        return ConfigNode.join(owner.path(), key);
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownKeys) {
            int distance = editDistance(normalize(unknown), normalize(known));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        boolean close = best != null && bestDistance <= 2 && bestDistance < Math.max(best.length(), unknown.length()) / 2;
        return close ? " (did you mean " + best + "?)" : "";
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
