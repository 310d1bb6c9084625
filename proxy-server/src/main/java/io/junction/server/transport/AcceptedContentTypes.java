package io.junction.server.transport;

import java.util.Locale;
import java.util.Set;

/**
 * The request content types that may carry an Avatica body. The stock client sends
 * application/octet-stream for both serializations; the others are what hand-written clients use.
 */
final class AcceptedContentTypes {
    static final Set<String> MEDIA_TYPES = Set.of("application/octet-stream", "application/x-protobuf",
            "application/x-google-protobuf", "application/json");
    static final String DESCRIPTION = "application/octet-stream, application/x-protobuf, "
            + "application/x-google-protobuf or application/json (or none)";

    private AcceptedContentTypes() {
    }

    /** @param headerValue the Content-Type header, null when absent; parameters such as charset are ignored */
    static boolean accepts(String headerValue) {
        if (headerValue == null) {
            return true;
        }
        int semicolon = headerValue.indexOf(';');
        String mediaType = semicolon < 0 ? headerValue : headerValue.substring(0, semicolon);
        return MEDIA_TYPES.contains(mediaType.trim().toLowerCase(Locale.ROOT));
    }
}
