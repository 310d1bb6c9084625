package io.junction.federation;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * A database federation can read: its name (the catalog users see), its family, and where its
 * connections come from. Connections are borrowed per sub-query and closed (returned) after.
 */
public record FederatedSource(String name, SourceKind kind, DataSource dataSource) {
    public FederatedSource {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(dataSource, "dataSource is null");
    }
}
