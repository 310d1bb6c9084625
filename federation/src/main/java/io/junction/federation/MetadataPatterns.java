package io.junction.federation;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** DatabaseMetaData's name arguments are LIKE patterns: an exact name must have its wildcards escaped. */
final class MetadataPatterns {
    private MetadataPatterns() {
    }

    /** {@code name} as a pattern that matches only itself (case aside, which callers check). */
    static String escape(String name, DatabaseMetaData md) throws SQLException {
        String escape = md.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
