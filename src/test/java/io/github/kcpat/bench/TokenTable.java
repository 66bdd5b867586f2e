package io.github.kcpat.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.github.kcpat.it.support.KeycloakServer;

/**
 * The benchmarks' straight way into the server's database: many PATs stored in seconds, rows the extension reads as
 * its own (the same columns as it writes), without a request each.
 */
final class TokenTable implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;

    private TokenTable(Connection connection) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement("INSERT INTO PERSONAL_ACCESS_TOKEN (ID, REALM_ID, USER_ID, NAME, SCOPES,"
                + " SECRET_HASH, HINT, CREATED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    static Connection connect(KeycloakServer server) throws SQLException {
        return DriverManager.getConnection(server.database().jdbcUrl(), server.database().user(), server.database().password());
    }

    /** Insertions into the server's token table, batched until {@link #flush()}. */
    static TokenTable open(KeycloakServer server) throws SQLException {
        return new TokenTable(connect(server));
    }

    Connection connection() {
        return connection;
    }

    /** The demo realm's id. */
    String demoRealmId() throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT ID FROM REALM WHERE NAME = 'demo'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Adds a live PAT with the scope {@code api.read} to the batch. */
    void add(String realmId, String userId, String name, String secretHash, String hint, long createdAt, long expiresAt)
            throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, realmId);
        insert.setString(3, userId);
        insert.setString(4, name);
        insert.setString(5, "api.read");
        insert.setString(6, secretHash);
        insert.setString(7, hint);
        insert.setLong(8, createdAt);
        insert.setLong(9, expiresAt);
        insert.addBatch();
    }

    /** Writes the batch (committed at once unless auto-commit was turned off on {@link #connection()}). */
    void flush() throws SQLException {
        insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.close();
        } finally {
            connection.close();
        }
    }
}
