package io.github.kcpat.docs;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Uninstall commands drop exactly what the changelog makes, on each database: a table added to the
 * changelog and forgotten in the README fails here, before any server starts. ({@code UninstallIT} runs the commands.)
 */
class UninstallCommandsTest {

    private final ChangelogTables changelog = ChangelogTables.read();

    @Test
    void theHistoryTableIsNamedByKeycloaksRule() {
        assertEquals("DATABASECHANGELOG_PERSONAL_A", ChangelogTables.historyTable());
    }

    @Test
    void theChangelogsTablesAreRead() {
        assertTrue(changelog.tables().containsAll(Set.of("PERSONAL_ACCESS_TOKEN", "PERSONAL_ACCESS_TOKEN_HOLDER",
                "PAT_EXPOSURE_REPORT", "PAT_RETIRED_SECRET", "PAT_SCOPE_REQUEST", "PAT_APPROVER_MAIL")), changelog.toString());
    }

    @Test
    void eachDatabasesCommandDropsEveryTableOfTheExtensionAndNothingElse() throws Exception {
        Map<String, String> commands = UninstallCommands.of(Path.of("README.md"));
        assertEquals(UninstallCommands.DATABASES, List.copyOf(commands.keySet()), "one command per database, in this order");
        for (Map.Entry<String, String> command : commands.entrySet()) {
            List<String> dropped = UninstallCommands.droppedTables(command.getValue());
            assertEquals(dropped.size(), new HashSet<>(dropped).size(), command.getKey() + " drops a table twice: " + dropped);
            assertEquals(changelog.all(), Set.copyOf(dropped), command.getKey() + "'s command drops " + dropped
                    + "; the changelog makes " + changelog);
        }
    }

    @Test
    void aTableIsDroppedBeforeTheTablesItsForeignKeysReference() throws Exception {
        for (Map.Entry<String, String> command : UninstallCommands.of(Path.of("README.md")).entrySet()) {
            List<String> dropped = UninstallCommands.droppedTables(command.getValue());
            for (String table : dropped) {
                for (String referenced : changelog.referencedBy(table)) {
                    if (referenced.equals(table) || !dropped.contains(referenced)) {
                        continue; // a table referencing itself, or Keycloak's own (which stays)
                    }
                    assertTrue(dropped.indexOf(table) < dropped.indexOf(referenced), command.getKey() + " drops " + referenced
                            + " before " + table + ", whose foreign key references it");
                }
            }
        }
    }

    @Test
    void theOperationsGuideNamesEveryTable() throws Exception {
        String operations = java.nio.file.Files.readString(Path.of("docs/operations.md"));
        String data = operations.substring(operations.indexOf("## Data"), operations.indexOf("## Databases"));
        for (String table : changelog.all()) {
            assertTrue(data.contains("`" + table + "`"), "docs/operations.md's Data section names " + table);
        }
    }
}
