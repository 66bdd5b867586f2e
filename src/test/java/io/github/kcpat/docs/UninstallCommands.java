package io.github.kcpat.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kcpat.docs.MarkdownExamples.Example;

/**
 * The README's commands that drop the extension's tables (section "Uninstall"), one per database, told apart by the
 * client each runs: H2's {@code org.h2.tools.Shell}, {@code psql}, {@code mariadb}. Keyed as {@code -Dkc.test.db}
 * names the databases: {@code h2}, {@code postgres}, {@code mariadb}.
 */
public final class UninstallCommands {

    public static final List<String> DATABASES = List.of("h2", "postgres", "mariadb");
    private static final Pattern DROP = Pattern.compile("\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?([A-Za-z0-9_]+)",
            Pattern.CASE_INSENSITIVE);

    private UninstallCommands() {
    }

    /** Each database's command, exactly as the README shows it. */
    public static Map<String, String> of(Path readme) throws IOException {
        Map<String, String> commands = new LinkedHashMap<>();
        for (Example example : MarkdownExamples.of(readme)) {
            if (!example.section().equals("Uninstall") || DROP.matcher(example.script()).results().findAny().isEmpty()) {
                continue;
            }
            String database = databaseOf(example);
            if (commands.put(database, example.script()) != null) {
                throw new IllegalStateException("two commands for " + database + " in the Uninstall section");
            }
        }
        return commands;
    }

    /** The tables a command drops, in its order, upper case. */
    public static List<String> droppedTables(String command) {
        List<String> tables = new ArrayList<>();
        Matcher drop = DROP.matcher(command);
        while (drop.find()) {
            tables.add(drop.group(1).toUpperCase(Locale.ROOT));
        }
        return tables;
    }

    private static String databaseOf(Example example) {
        String script = example.script().strip();
        if (script.contains("org.h2.tools.Shell")) {
            return "h2";
        }
        if (script.matches("(?s)(\\w+=\\S+\\s+)*psql\\s.*")) {
            return "postgres";
        }
        if (script.matches("(?s)(\\w+=\\S+\\s+)*mariadb\\s.*")) {
            return "mariadb";
        }
        throw new IllegalStateException(example + " drops tables with a client of no known database");
    }
}
