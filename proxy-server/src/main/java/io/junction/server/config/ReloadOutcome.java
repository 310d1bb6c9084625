package io.junction.server.config;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one config reload did.
 *
 * @param at              when it ran
 * @param result          applied, unchanged (nothing to apply at once) or rejected
 * @param applied         the sections applied at once ({@code users}, {@code sources.pg.pool}, ...)
 * @param restartRequired the keys changed in the file that apply only after a restart
 * @param problems        why the file was refused ({@code file:line: key: what is wrong}), when rejected
 */
public record ReloadOutcome(Instant at, Result result, List<String> applied, List<String> restartRequired,
                            List<String> problems) {
    public ReloadOutcome {
        applied = List.copyOf(applied);
        restartRequired = List.copyOf(restartRequired);
        problems = List.copyOf(problems);
    }

    public enum Result {
        APPLIED, UNCHANGED, REJECTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** As the admin API shows it. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("at", at.toString());
        described.put("outcome", result.label());
        described.put("applied", applied);
        described.put("restartRequired", restartRequired);
        described.put("problems", problems);
        return described;
    }
}
