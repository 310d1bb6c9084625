package io.junction.jdbc;

import com.google.protobuf.CodedInputStream;
import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service.Request;
import org.apache.calcite.avatica.remote.Service.Response;

import java.io.IOException;

/**
 * Keeps the protobuf wire names canonical in the shaded driver.
 *
 * <p>Avatica names each message on the wire by its Java class ({@code WireMessage.name =
 * "org.apache.calcite.avatica.proto.Requests$OpenConnectionRequest"}). The shaded jar relocates those classes
 * under {@code io.junction.jdbc.shaded}, so the stock translation would send, and expect, relocated names
 * that no Avatica server knows. This translation lets Avatica's own translation do the work and renames the
 * message on the way out (local package to canonical) and on the way in (canonical to local). Unshaded, the
 * two packages are the same and nothing is renamed.
 */
final class CanonicalWireNames implements ProtobufTranslation {
    /**
     * The package every Avatica peer uses on the wire. Joined at run time: the shade plugin rewrites string
     * constants that look like relocated class names, and this one must stay canonical.
     */
    static final String CANONICAL_PACKAGE =
            String.join(".", "org", "apache", "calcite", "avatica", "proto") + ".";

    private final ProtobufTranslation delegate;
    private final String localPackage;
    private final String wirePackage;

    /** Translates with {@code delegate}, renaming this jar's protobuf package to the canonical one. */
    CanonicalWireNames(ProtobufTranslation delegate) {
        this(delegate, packageOf(WireMessage.class), CANONICAL_PACKAGE);
    }

    /** For tests: rename {@code localPackage} (where the message classes live) to {@code wirePackage}. */
    CanonicalWireNames(ProtobufTranslation delegate, String localPackage, String wirePackage) {
        this.delegate = delegate;
        this.localPackage = localPackage;
        this.wirePackage = wirePackage;
    }

    @Override
    public byte[] serializeRequest(Request request) throws IOException {
        return rename(delegate.serializeRequest(request), localPackage, wirePackage);
    }

    @Override
    public Response parseResponse(byte[] bytes) throws IOException {
        return delegate.parseResponse(rename(bytes, wirePackage, localPackage));
    }

    @Override
    public byte[] serializeResponse(Response response) throws IOException {
        return rename(delegate.serializeResponse(response), localPackage, wirePackage);
    }

    @Override
    public Request parseRequest(byte[] bytes) throws IOException {
        return delegate.parseRequest(rename(bytes, wirePackage, localPackage));
    }

    private static byte[] rename(byte[] wireMessage, String from, String to) throws IOException {
        if (from.equals(to)) {
            return wireMessage;
        }
        CodedInputStream in = CodedInputStream.newInstance(wireMessage);
        // Alias the wrapped message instead of copying it: the bytes are copied once, into the output.
        in.enableAliasing(true);
        WireMessage message = WireMessage.parseFrom(in);
        String name = message.getName();
        if (!name.startsWith(from)) {
            // Not ours to rename; the delegate reports an unknown name with the name in its message.
            return wireMessage;
        }
        return message.toBuilder().setName(to + name.substring(from.length())).build().toByteArray();
    }

    private static String packageOf(Class<?> type) {
        String name = type.getName();
        return name.substring(0, name.lastIndexOf('.') + 1);
    }
}
