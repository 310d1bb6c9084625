package io.junction.server.demo;

import io.junction.server.auth.AuthenticatedUser;
import io.junction.server.auth.UserDirectory;
import io.junction.server.config.JunctionConfig;
import io.junction.server.config.SourceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo databases, read directly through H2 as the gateway's pools would. */
class DemoEnvironmentTest {
    private static DemoEnvironment demo;

    @BeforeAll
    static void createDemo() throws SQLException {
        demo = DemoEnvironment.create();
    }

    @AfterAll
    static void closeDemo() throws SQLException {
        demo.close();
    }

    @Test
    void config_servesBothSourcesOnLoopbackToTheDemoUser() {
        JunctionConfig config = demo.config();

        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8765);
        assertThat(config.admin().host()).isEqualTo("127.0.0.1");
        assertThat(config.admin().port()).isEqualTo(8766);
        assertThat(config.sources()).containsOnlyKeys("shop", "crm");
        AuthenticatedUser user = new UserDirectory(config.users()).authenticate("demo", "demo".toCharArray())
                .orElseThrow();
        assertThat(user.grantedSources()).containsExactlyInAnyOrder("shop", "crm");
    }

    @Test
    void tables_haveTheDocumentedRowCounts() throws SQLException {
        try (Connection shop = open("shop"); Connection crm = open("crm")) {
            assertThat(count(shop, "SELECT COUNT(*) FROM customers")).isEqualTo(2_000);
            assertThat(count(shop, "SELECT COUNT(*) FROM products")).isEqualTo(200);
            assertThat(count(shop, "SELECT COUNT(*) FROM orders")).isEqualTo(10_000);
            assertThat(count(shop, "SELECT COUNT(*) FROM order_items")).isBetween(25_000L, 35_000L);
            assertThat(count(crm, "SELECT COUNT(*) FROM accounts")).isEqualTo(1_500);
            assertThat(count(crm, "SELECT COUNT(*) FROM tickets")).isEqualTo(5_000);
        }
    }

    @Test
    void foreignKeys_resolve_andTotalsMatchTheirItems() throws SQLException {
        try (Connection shop = open("shop"); Connection crm = open("crm")) {
            assertThat(count(shop, "SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id "
                    + "WHERE c.id IS NULL")).isZero();
            assertThat(count(shop, "SELECT COUNT(*) FROM order_items i LEFT JOIN products p ON p.id = i.product_id "
                    + "WHERE p.id IS NULL")).isZero();
            assertThat(count(shop, "SELECT COUNT(*) FROM orders o WHERE o.total <> "
                    + "(SELECT SUM(i.quantity * i.unit_price) FROM order_items i WHERE i.order_id = o.id)")).isZero();
            assertThat(count(crm, "SELECT COUNT(*) FROM tickets t LEFT JOIN accounts a ON a.id = t.account_id "
                    + "WHERE a.id IS NULL")).isZero();
            assertThat(count(shop, "SELECT COUNT(*) FROM information_schema.table_constraints "
                    + "WHERE constraint_type = 'FOREIGN KEY'")).isEqualTo(3);
        }
    }

    @Test
    void crossSourceKeys_pointAtExistingShopRows_ofTheSameCustomer() throws SQLException {
        try (Connection shop = open("shop"); Connection crm = open("crm")) {
            Map<Integer, Integer> customerOfOrder = pairs(shop, "SELECT id, customer_id FROM orders");
            Set<Integer> customers = new HashSet<>(pairs(shop, "SELECT id, id FROM customers").keySet());
            Map<Integer, Integer> customerOfAccount = pairs(crm, "SELECT id, customer_id FROM accounts");
            assertThat(customers).containsAll(customerOfAccount.values());
            assertThat(new HashSet<>(customerOfAccount.values())).hasSize(1_500);

            int ticketsAboutOrders = 0;
            try (Statement statement = crm.createStatement();
                 ResultSet tickets = statement.executeQuery(
                         "SELECT account_id, order_id FROM tickets WHERE order_id IS NOT NULL")) {
                while (tickets.next()) {
                    int account = tickets.getInt(1);
                    int order = tickets.getInt(2);
                    assertThat(customerOfOrder).containsKey(order);
                    assertThat(customerOfOrder.get(order)).isEqualTo(customerOfAccount.get(account));
                    ticketsAboutOrders++;
                }
            }
            assertThat(ticketsAboutOrders).isGreaterThan(1_000);
        }
    }

    @Test
    void sampleQuery_runsOnShop_andRanksCountriesByRevenue() throws SQLException {
        try (Connection shop = open("shop"); Statement statement = shop.createStatement();
             ResultSet rows = statement.executeQuery(DemoEnvironment.SAMPLE_QUERY)) {
            BigDecimal previous = null;
            int count = 0;
            while (rows.next()) {
                assertThat(rows.getString("country")).hasSize(2);
                assertThat(rows.getLong("orders")).isPositive();
                BigDecimal revenue = rows.getBigDecimal("revenue");
                if (previous != null) {
                    assertThat(revenue).isLessThanOrEqualTo(previous);
                }
                previous = revenue;
                count++;
            }
            assertThat(count).isEqualTo(5);
        }
    }

    @Test
    void data_isTheSameOnEveryStart_inSeparateDatabases() throws SQLException {
        try (DemoEnvironment second = DemoEnvironment.create()) {
            assertThat(second.config().sources().get("shop").url())
                    .isNotEqualTo(demo.config().sources().get("shop").url());
            String fingerprint = "SELECT SUM(total), MAX(ordered_at), COUNT(DISTINCT customer_id) FROM orders";
            try (Connection first = open(demo, "shop"); Connection again = open(second, "shop")) {
                assertThat(row(again, fingerprint)).isEqualTo(row(first, fingerprint));
            }
        }
    }

    @Test
    void identities_continueAfterTheLoadedRows() throws SQLException {
        try (Connection crm = open("crm"); Statement statement = crm.createStatement()) {
            crm.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO accounts (customer_id, company, tier, account_manager, created_at) "
                    + "VALUES (999999, 'Test Ltd', 'pro', 'Nobody', CURRENT_TIMESTAMP)");
            assertThat(count(crm, "SELECT id FROM accounts WHERE customer_id = 999999")).isEqualTo(1_501);
            crm.rollback();
        }
    }

    @Test
    void banner_showsUrlCredentialsQueryAndAdminConsole() {
        String banner = demo.banner(8765, 8766);

        assertThat(banner).contains("jdbc:junction://127.0.0.1:8765/shop", "user:      demo", "password:  demo",
                "Admin:     http://127.0.0.1:8766/ ", "JOIN order_items i ON i.order_id = o.id");
    }

    private static Connection open(String source) throws SQLException {
        return open(demo, source);
    }

    private static Connection open(DemoEnvironment environment, String source) throws SQLException {
        SourceSettings settings = environment.config().sources().get(source);
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password().reveal());
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String row(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                text.append(rows.getString(i)).append('|');
            }
            return text.toString();
        }
    }

    private static Map<Integer, Integer> pairs(Connection connection, String sql) throws SQLException {
        Map<Integer, Integer> result = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.put(rows.getInt(1), rows.getInt(2));
            }
        }
        return result;
    }
}
