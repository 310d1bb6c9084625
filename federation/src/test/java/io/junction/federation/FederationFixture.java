package io.junction.federation;

import io.junction.federation.testing.TpchData;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Federation over the test PostgreSQL ("pg"), MariaDB ("maria") and H2 ("shop"), recording what each source receives. */
final class FederationFixture {
    static final Set<String> ALL_SOURCES = Set.of("pg", "maria", "shop");

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Long> planningNanos = new CopyOnWriteArrayList<>();
    final Federation federation;

    FederationFixture(FederationSettings settings) throws Exception {
        TpchData.load();
        federation = new Federation(List.of(
                new FederatedSource("pg", SourceKind.POSTGRESQL, dataSource(TpchData.PG_URL, "postgres")),
                new FederatedSource("maria", SourceKind.MARIADB, dataSource(TpchData.MARIADB_URL, "root")),
                new FederatedSource("shop", SourceKind.H2, dataSource(TpchData.H2_URL, "sa"))),
                settings, planningNanos::add);
        federation.addListener((source, sql) -> received.add(source + ": " + sql));
    }

    List<String> receivedBy(String source) {
        return received.stream().filter(s -> s.startsWith(source + ": "))
                .map(s -> s.substring(source.length() + 2)).toList();
    }

    static DataSource dataSource(String url, String user) {
        return ConnectionOnlyDataSource.opening(() -> DriverManager.getConnection(url, user, ""));
    }
}
