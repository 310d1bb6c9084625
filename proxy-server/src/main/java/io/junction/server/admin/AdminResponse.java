package io.junction.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What an {@link AdminRoute} answers. */
public record AdminResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType is null");
        Objects.requireNonNull(body, "body is null");
    }

    /** {@code value} serialized by Jackson (records, maps, lists). */
    public static AdminResponse json(int status, Object value) {
        try {
            return new AdminResponse(status, JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize an admin response of " + value.getClass().getName(), e);
        }
    }

    public static AdminResponse text(int status, String text) {
        return new AdminResponse(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
