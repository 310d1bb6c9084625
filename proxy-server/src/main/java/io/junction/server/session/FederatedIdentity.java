package io.junction.server.session;

import io.junction.server.upstream.UpstreamIdentity;

import java.util.Map;

/** What a federated connection's DatabaseMetaData says about the "database" behind it: Junction itself. */
final class FederatedIdentity {
    static final UpstreamIdentity INSTANCE = new UpstreamIdentity("Junction federation", "0.1", 0, 1, Map.of(
            "getIdentifierQuoteString", "\"",
            "getCatalogSeparator", ".",
            "getCatalogTerm", "source",
            "isCatalogAtStart", true,
            "supportsCatalogsInDataManipulation", true,
            "isReadOnly", true));

    private FederatedIdentity() {
    }
}
