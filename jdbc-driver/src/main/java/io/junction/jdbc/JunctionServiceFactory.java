package io.junction.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.RemoteService;
import org.apache.calcite.avatica.remote.Service;

/**
 * Builds the Avatica {@link Service} of a Junction connection: Avatica's remote services over
 * {@link JunctionHttpClient}, with protobuf names kept canonical by {@link CanonicalWireNames} and
 * parameter tags written by {@link TaggedValueWire}.
 *
 * <p>Avatica instantiates this class by name from the {@code factory} connection property (the only public
 * way into its remote driver's package-private {@code RemoteMeta}); {@link ConnectionSettings#toAvaticaInfo()}
 * sets that property. Public for that reflective instantiation only.
 */
public final class JunctionServiceFactory implements Service.Factory {
    /** Thread-safe (per-thread buffers), so one serves every connection. */
    static final CanonicalWireNames PROTOBUF = new CanonicalWireNames(
            new TaggedValueWire(new ProtobufTranslationImpl()));

    @Override
    public Service create(AvaticaConnection connection) {
        JunctionConnection junction = (JunctionConnection) connection;
        ConnectionSettings settings = junction.settings();
        JunctionHttpClient client = new JunctionHttpClient(settings);
        junction.attachTransport(client);
        return settings.json() ? new RemoteService(client) : new RemoteProtobufService(client, PROTOBUF);
    }
}
