package io.github.kcpat.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import io.github.kcpat.model.jpa.PersonalAccessTokenJpaEntityProviderFactory;
import org.keycloak.connections.jpa.util.JpaUtils;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The tables the extension's Liquibase changelog (the one its entity provider names, with the files it includes) leaves
 * in a database: each {@code createTable}, less those a later change drops, under the name a later rename gives it;
 * the foreign keys between them; and the history table Keycloak keeps for the changelog, named by Keycloak's own rule
 * from the entity provider's id.
 */
public final class ChangelogTables {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private final Set<String> tables = new LinkedHashSet<>();
    /** A table and the tables its foreign keys reference. */
    private final Map<String, Set<String>> references = new HashMap<>();

    private ChangelogTables() {
    }

    public static ChangelogTables read() {
        ChangelogTables result = new ChangelogTables();
        try {
            result.add(RESOURCES.resolve(new PersonalAccessTokenJpaEntityProviderFactory().create(null).getChangelogLocation()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** The changelog's tables, in the order they were created. */
    public Set<String> tables() {
        return Set.copyOf(tables);
    }

    public List<String> tablesInOrder() {
        return List.copyOf(tables);
    }

    /** The tables this one's foreign keys reference (to be dropped after it). */
    public Set<String> referencedBy(String table) {
        return references.getOrDefault(table, Set.of());
    }

    /** Keycloak's history table for the extension's changelog ({@code DATABASECHANGELOG_PERSONAL_A}). */
    public static String historyTable() {
        return JpaUtils.getCustomChangelogTableName(new PersonalAccessTokenJpaEntityProviderFactory().getId());
    }

    /** Every table the extension makes: the changelog's and the history table. */
    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>(tables);
        all.add(historyTable());
        return all;
    }

    private void add(Path changelog) throws IOException {
        org.w3c.dom.Document document;
        try (InputStream in = Files.newInputStream(changelog)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException(changelog + ": " + e.getMessage(), e);
        }
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            switch (element.getLocalName()) {
                case "createTable" -> tables.add(name(element, "tableName"));
                case "dropTable" -> tables.remove(name(element, "tableName"));
                case "renameTable" -> {
                    tables.remove(name(element, "oldTableName"));
                    tables.add(name(element, "newTableName"));
                }
                case "addForeignKeyConstraint" -> reference(name(element, "baseTableName"), name(element, "referencedTableName"));
                case "constraints" -> {
                    String referenced = element.getAttribute("referencedTableName");
                    if (referenced.isEmpty() && element.getAttribute("references").contains("(")) {
                        referenced = element.getAttribute("references").substring(0, element.getAttribute("references").indexOf('('));
                    }
                    if (!referenced.isBlank()) {
                        Element table = (Element) element.getParentNode().getParentNode();
                        reference(name(table, "tableName"), referenced.strip().toUpperCase(Locale.ROOT));
                    }
                }
                case "include" -> add("true".equals(element.getAttribute("relativeToChangelogFile"))
                        ? changelog.resolveSibling(element.getAttribute("file"))
                        : RESOURCES.resolve(element.getAttribute("file")));
                case "includeAll" -> throw new IllegalStateException(changelog + ": includeAll is not read here; list the files");
                default -> {
                }
            }
        }
    }

    private void reference(String from, String to) {
        references.computeIfAbsent(from, t -> new LinkedHashSet<>()).add(to);
    }

    private static String name(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        if (value.isBlank()) {
            throw new IllegalStateException("<" + element.getLocalName() + "> without " + attribute);
        }
        return value.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return new ArrayList<>(all()).toString();
    }
}
