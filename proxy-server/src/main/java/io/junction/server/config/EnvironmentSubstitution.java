package io.junction.server.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a configured value with the environment's
 * values, as a shell would: the default applies when the variable is unset or empty. {@code $${}
 * stands for a literal {@code ${}, so a password may contain it.
 */
final class EnvironmentSubstitution {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    EnvironmentSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
    }

    /**
     * @throws IllegalArgumentException naming the variable (never a value) when a reference is
     *     malformed or names an unset variable without a default
     */
    String apply(String raw) {
        if (raw.indexOf('$') < 0) {
            return raw;
        }
        StringBuilder result = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                result.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int end = raw.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ${ (write $${ for a literal ${)");
                }
                result.append(resolve(raw.substring(i + 2, end)));
                i = end + 1;
            } else {
                result.append(raw.charAt(i));
                i++;
            }
        }
        return result.toString();
    }

    private String resolve(String reference) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("${" + reference + "} is not a variable reference: write ${NAME} or "
                    + "${NAME:-default}, where NAME has letters, digits and '_'");
        }
        String value = environment.get(name);
        if (separator >= 0) {
            String fallback = reference.substring(separator + 2);
            if (fallback.contains("${")) {
                throw new IllegalArgumentException("${" + name + ":-...}: a default cannot contain another ${...}");
            }
            return value == null || value.isEmpty() ? fallback : value;
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set; set it or write ${"
                    + name + ":-default}");
        }
        return value;
    }
}
