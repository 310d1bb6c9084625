package io.junction.jdbc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.Request;
import org.apache.calcite.avatica.remote.Service.Response;
import org.apache.calcite.avatica.remote.TypedValue;

import java.io.IOException;
import java.util.List;

/**
 * Writes the {@link ParameterTags} of execute and batch requests, which Avatica's own encoding drops
 * ({@code TypedValue.toProto} writes {@code component_type} for arrays only). Requests without a tagged value
 * leave Avatica's bytes untouched; the others are re-read once and patched.
 */
final class TaggedValueWire implements ProtobufTranslation {
    private final ProtobufTranslation delegate;

    TaggedValueWire(ProtobufTranslation delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] serializeRequest(Request request) throws IOException {
        byte[] bytes = delegate.serializeRequest(request);
        if (request instanceof Service.ExecuteRequest) {
            List<TypedValue> values = ((Service.ExecuteRequest) request).parameterValues;
            if (values != null && hasTag(values)) {
                WireMessage wire = WireMessage.parseFrom(bytes);
                Requests.ExecuteRequest.Builder execute = Requests.ExecuteRequest.parseFrom(wire.getWrappedMessage())
                        .toBuilder();
                for (int i = 0; i < values.size(); i++) {
                    tag(execute.getParameterValuesBuilder(i), values.get(i));
                }
                return rewrap(wire, execute.build().toByteString());
            }
        } else if (request instanceof Service.ExecuteBatchRequest) {
            List<List<TypedValue>> rows = ((Service.ExecuteBatchRequest) request).parameterValues;
            if (rows != null && rows.stream().anyMatch(TaggedValueWire::hasTag)) {
                WireMessage wire = WireMessage.parseFrom(bytes);
                Requests.ExecuteBatchRequest.Builder batch = Requests.ExecuteBatchRequest.parseFrom(
                        wire.getWrappedMessage()).toBuilder();
                for (int row = 0; row < rows.size(); row++) {
                    List<TypedValue> values = rows.get(row);
                    for (int i = 0; i < values.size(); i++) {
                        tag(batch.getUpdatesBuilder(row).getParameterValuesBuilder(i), values.get(i));
                    }
                }
                return rewrap(wire, batch.build().toByteString());
            }
        }
        return bytes;
    }

    /** One value as its protobuf bytes, tag included. */
    static byte[] toProto(TypedValue value) {
        Common.TypedValue.Builder proto = value.toProto().toBuilder();
        tag(proto, value);
        return proto.build().toByteArray();
    }

    private static boolean hasTag(List<TypedValue> values) {
        for (TypedValue value : values) {
            if (ParameterTags.tagOf(value) != null) {
                return true;
            }
        }
        return false;
    }

    private static void tag(Common.TypedValue.Builder proto, TypedValue value) {
        Rep tag = ParameterTags.tagOf(value);
        if (tag != null) {
            proto.setComponentType(tag.toProto());
        }
    }

    private static byte[] rewrap(WireMessage wire, ByteString message) {
        return wire.toBuilder().setWrappedMessage(message).build().toByteArray();
    }

    @Override
    public Response parseResponse(byte[] bytes) throws IOException {
        return delegate.parseResponse(bytes);
    }

    @Override
    public byte[] serializeResponse(Response response) throws IOException {
        return delegate.serializeResponse(response);
    }

    @Override
    public Request parseRequest(byte[] bytes) throws InvalidProtocolBufferException, IOException {
        return delegate.parseRequest(bytes);
    }
}
