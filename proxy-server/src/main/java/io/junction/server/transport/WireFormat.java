package io.junction.server.transport;

/** The two Avatica serializations. Both arrive as application/octet-stream, so they are told apart by the body. */
public enum WireFormat {
    PROTOBUF,
    JSON;

    /** Avatica's protobuf WireMessage starts with field 1 (tag 0x0A); JSON starts with '{' (after optional whitespace). */
    public static WireFormat sniff(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' ? JSON : PROTOBUF;
        }
        return PROTOBUF;
    }
}
