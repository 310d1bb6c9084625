package io.junction.bench;

/** Counts the {@code ?} placeholders of a statement, skipping quoted literals and identifiers. */
final class SqlParameters {
    private SqlParameters() {
    }

    static int count(String sql) {
        int count = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote ('it''s') closes and reopens: the count is unaffected
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                count++;
            }
        }
        return count;
    }
}
