package io.junction.server.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the admin endpoint, already read whole.
 *
 * @param method          upper-case HTTP method, e.g. {@code GET}
 * @param path            the path without the query string, e.g. {@code /metrics}
 * @param queryParameters decoded query parameters in order of appearance
 * @param body            the request body, empty for GET
 */
public record AdminRequest(String method, String path, Map<String, List<String>> queryParameters, byte[] body) {
    public AdminRequest {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        queryParameters = Map.copyOf(queryParameters);
        Objects.requireNonNull(body, "body is null");
    }

    /** The first value of a query parameter. */
    public Optional<String> parameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
