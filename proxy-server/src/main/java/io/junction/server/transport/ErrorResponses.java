package io.junction.server.transport;

import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serializes an Avatica {@link Service.ErrorResponse} for failures the transport itself detects,
 * in the serialization the client used, so the stock client turns it into a SQLException with our
 * SQLState. The exception list is empty: no server stack trace ever reaches a client.
 */
public final class ErrorResponses {
    private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();
    /** Junction's own failures carry no vendor code; 1 would trigger the client's reconnection logic. */
    private static final int NO_VENDOR_CODE = 0;

    private ErrorResponses() {
    }

    public static byte[] encode(JunctionSqlState state, String message, WireFormat format) {
        Service.ErrorResponse response = new Service.ErrorResponse(List.of(), message, NO_VENDOR_CODE,
                state.code(), AvaticaSeverity.ERROR, null);
        try {
            return format == WireFormat.JSON ? JsonService.MAPPER.writeValueAsBytes(response)
                    : PROTOBUF.serializeResponse(response);
        } catch (IOException e) {
            // Both serializers write to memory; failing here is a bug, not an I/O condition.
            throw new UncheckedIOException("cannot serialize an Avatica ErrorResponse as " + format, e);
        }
    }
}
