package io.github.kcpat.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A page of the README or docs/ that shows a source file of this repository shows it whole and as it is: the line
 * {@code <!-- verbatim: path -->} (the path from the repository's root), then a fenced block that must equal that file,
 * so the code a page shows is the code a test compiles and runs.
 */
class VerbatimSourcesTest {

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*verbatim:\\s*(\\S+)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```\\S*\\s*$");

    /** Each verbatim block of this page: the file it names, and the block's text. */
    static Map<String, String> verbatimBlocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.matches()) {
                continue;
            }
            int open = i + 1;
            while (open < lines.size() && lines.get(open).isBlank()) {
                open++;
            }
            if (open == lines.size() || !FENCE.matcher(lines.get(open)).matches()) {
                fail(page + ":" + (i + 1) + ": a verbatim marker not followed by a fenced block");
            }
            StringBuilder text = new StringBuilder();
            int line = open + 1;
            for (; line < lines.size() && !lines.get(line).equals("```"); line++) {
                text.append(lines.get(line)).append('\n');
            }
            if (line == lines.size()) {
                fail(page + ":" + (open + 1) + ": the block is not closed");
            }
            blocks.put(marker.group(1), text.toString());
            i = line;
        }
        return blocks;
    }

    @Test
    void everyVerbatimBlockIsItsFileAsItIs() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> differ = new ArrayList<>();
        for (Path page : pages) {
            for (Map.Entry<String, String> block : verbatimBlocks(page).entrySet()) {
                Path file = Path.of(block.getKey());
                if (!Files.isRegularFile(file)) {
                    differ.add(page + " shows " + file + ", which does not exist");
                } else if (!Files.readString(file).equals(block.getValue())) {
                    differ.add(page + " shows " + file + " not as it is: copy the file into the block again");
                }
            }
        }
        assertTrue(differ.isEmpty(), String.join("\n", differ));
    }

    /** The receiver the resource-server recipe shows is the class SharedSignalsIT runs against the server. */
    @Test
    void theResourceServerRecipeShowsTheReceiverTheTestsRun() throws IOException {
        Map<String, String> blocks = verbatimBlocks(Path.of("docs/resource-servers.md"));
        String receiver = "src/test/java/io/github/kcpat/it/docs/SignalsReceiverExample.java";
        assertTrue(blocks.containsKey(receiver), "docs/resource-servers.md shows " + blocks.keySet());
        assertEquals(Files.readString(Path.of(receiver)), blocks.get(receiver));
    }

    @Test
    void theBlockIsReadAsThePageHasIt() throws IOException {
        Path page = Files.createTempFile("verbatim", ".md");
        try {
            Files.writeString(page, "text\n<!-- verbatim: pom.xml -->\n```xml\nnot the pom\n```\n");
            Map<String, String> blocks = verbatimBlocks(page);
            assertEquals(Map.of("pom.xml", "not the pom\n"), blocks, "the block, not the file");
        } finally {
            Files.delete(page);
        }
    }
}
