package io.github.kcpat.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database the test server runs on, chosen with {@code -Dkc.test.db=h2|postgres|mariadb} (default h2: Keycloak's
 * embedded file database, opened in H2's auto-server mode so the tests can reach it too). PostgreSQL and MariaDB are
 * the ones running on 127.0.0.1; each run gets a fresh database {@code kcpat_it}. The tests use direct SQL only to move
 * a token's timestamps into the past, which no API can do.
 */
public final class TestDatabase {

    static final String NAME = "kcpat_it";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    /** Keycloak reaches PostgreSQL and MariaDB through this proxy, so that tests can cut its connections. */
    private TcpProxy proxy;

    private TestDatabase(String kind, String url, String user, String password) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The proxy between Keycloak and the database; null on H2, which runs inside Keycloak. */
    public TcpProxy proxy() {
        return proxy;
    }

    private String serverUrl() {
        // the benchmark measures Keycloak, not the tests' proxy (which does not set TCP_NODELAY)
        if (kind.equals("h2") || Boolean.getBoolean("kc.test.db.direct")) {
            return url;
        }
        if (proxy == null) {
            int target = kind.equals("postgres") ? 5432 : 3306;
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            proxy = new TcpProxy(port, "127.0.0.1", target);
        }
        return url.replace(":" + (kind.equals("postgres") ? 5432 : 3306) + "/", ":" + proxy.port() + "/");
    }

    static TestDatabase choose(Path keycloakHome) {
        String kind = System.getProperty("kc.test.db", "h2");
        return switch (kind) {
            case "h2" -> new TestDatabase(kind, "jdbc:h2:file:" + keycloakHome.resolve("data/h2/keycloakdb").toAbsolutePath()
                    + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE", "sa", "password");
            case "postgres" -> new TestDatabase(kind, "jdbc:postgresql://127.0.0.1:5432/" + NAME,
                    System.getProperty("kc.test.db.user", "postgres"), System.getProperty("kc.test.db.password", "postgres"));
            case "mariadb" -> new TestDatabase(kind, "jdbc:mariadb://127.0.0.1:3306/" + NAME,
                    System.getProperty("kc.test.db.user", "root"), System.getProperty("kc.test.db.password", ""));
            default -> throw new IllegalArgumentException("kc.test.db is h2, postgres or mariadb, not " + kind);
        };
    }

    public String kind() {
        return kind;
    }

    public String jdbcUrl() {
        return url;
    }

    /** The database's own address, not the proxy's. */
    String directUrl() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * This database's settings as Keycloak's environment variables name them ({@code KC_DB_USERNAME}, {@code KC_DB_PASSWORD},
     * {@code KC_DB_URL_HOST}, {@code KC_DB_URL_PORT}, {@code KC_DB_URL_DATABASE}), for the database itself, not the proxy:
     * what an operator's shell has when it runs the README's commands.
     */
    public java.util.Map<String, String> keycloakEnvironment() {
        java.util.Map<String, String> environment = new java.util.HashMap<>(java.util.Map.of("KC_DB_USERNAME", user,
                "KC_DB_PASSWORD", password));
        if (!kind.equals("h2")) {
            environment.putAll(java.util.Map.of("KC_DB_URL_HOST", "127.0.0.1",
                    "KC_DB_URL_PORT", kind.equals("postgres") ? "5432" : "3306", "KC_DB_URL_DATABASE", NAME));
        }
        return environment;
    }

    /** The names of the tables in Keycloak's schema, upper case. */
    public java.util.Set<String> tables() {
        String sql = "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = "
                + (kind.equals("mariadb") ? "DATABASE()" : "CURRENT_SCHEMA") + " AND TABLE_TYPE IN ('BASE TABLE', 'TABLE')";
        java.util.Set<String> tables = new java.util.TreeSet<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                tables.add(result.getString(1).toUpperCase(java.util.Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + kind + ": " + e.getMessage(), e);
        }
        return tables;
    }

    /** Keycloak's options for this database. */
    List<String> serverOptions() {
        String vendor = kind.equals("h2") ? "dev-file" : kind;
        return List.of("--db=" + vendor, "--db-url=" + serverUrl(), "--db-username=" + user, "--db-password=" + password);
    }

    /** Drops and re-creates the test database (PostgreSQL, MariaDB); H2's files are removed with the server's data. */
    void recreate() {
        try {
            switch (kind) {
                case "postgres" -> {
                    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", user, password);
                         Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
                        s.execute("CREATE DATABASE " + NAME);
                    }
                }
                case "mariadb" -> {
                    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", user, password);
                         Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + NAME);
                        s.execute("CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                    }
                }
                default -> {
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the " + kind + " database: " + e.getMessage(), e);
        }
    }

    /** Runs one SQL statement with parameters; answers the number of rows changed. */
    public int update(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Runs one query that answers one number (a count, say). */
    public long number(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Revoke-by-value reports not yet carried out (or being carried out, uncommitted). */
    public long pendingExposureReports() {
        return number("SELECT COUNT(*) FROM PAT_EXPOSURE_REPORT");
    }

    /** Moves a token's creation, last use and expiry back by {@code seconds}, as if time had passed. */
    public void age(String tokenId, long seconds) {
        int rows = update("UPDATE PERSONAL_ACCESS_TOKEN SET CREATED_AT = CREATED_AT - ?,"
                + " LAST_USED_AT = CASE WHEN LAST_USED_AT IS NULL THEN NULL ELSE LAST_USED_AT - ? END,"
                + " EXPIRES_AT = CASE WHEN EXPIRES_AT IS NULL THEN NULL ELSE EXPIRES_AT - ? END WHERE ID = ?",
                seconds, seconds, seconds, tokenId);
        if (rows != 1) {
            throw new IllegalStateException("No token " + tokenId);
        }
    }
}
