package io.github.kcpat.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of a Markdown page, in order. A {@code ```bash} block is an example; the block right after it,
 * when its info string is {@code json output} or {@code text output}, is what running it printed (trimmed: see
 * {@link ExampleOutput}). A bash block preceded by {@code <!-- not run: reason -->} is not run, and says why.
 */
public final class MarkdownExamples {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)(.*)$");
    private static final Pattern NOT_RUN = Pattern.compile("^\\s*<!--\\s*not run:\\s*(.+?)\\s*-->\\s*$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*$");

    /** One bash block: where it is, the section it is in, its text, and what it should print (or null). */
    public record Example(Path page, int line, String section, String script, String notRunBecause,
            String expectedKind, String expected) {

        public boolean runs() {
            return notRunBecause == null;
        }

        @Override
        public String toString() {
            return page.getFileName() + ":" + line + " (" + section + ")";
        }
    }

    private MarkdownExamples() {
    }

    public static List<Example> of(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Example> examples = new ArrayList<>();
        String section = "";
        String lastNonBlank = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches() && heading.group(1).length() == 2) {
                section = heading.group(2);
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank()) {
                    lastNonBlank = line;
                }
                continue;
            }
            int start = i;
            String indent = fence.group(1);
            String info = (fence.group(2) + fence.group(3)).trim();
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                String content = lines.get(i);
                body.append(content.startsWith(indent) ? content.substring(indent.length()) : content.stripLeading())
                        .append('\n');
            }
            if (info.equals("bash")) {
                Matcher notRun = NOT_RUN.matcher(lastNonBlank);
                examples.add(new Example(page, start + 1, section, body.toString(),
                        notRun.matches() ? notRun.group(1) : null, null, null));
            } else if ((info.equals("json output") || info.equals("text output")) && !examples.isEmpty()
                    && examples.get(examples.size() - 1).expected() == null && lastNonBlank.trim().equals("```")) {
                Example previous = examples.remove(examples.size() - 1);
                examples.add(new Example(previous.page(), previous.line(), previous.section(), previous.script(),
                        previous.notRunBecause(), info.substring(0, 4), body.toString()));
            }
            lastNonBlank = "```";
        }
        return examples;
    }
}
