package io.github.kcpat.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** JDK Flight Recorder on the server's JVM, recording from its start, dumped with {@code jcmd}. */
final class FlightRecorder {

    /** The recording's name in {@code -XX:StartFlightRecording=name=…}, which benchmark.sh passes to the server. */
    static final String RECORDING = "kcpat-bench";

    private final long pid;

    FlightRecorder(long pid) {
        this.pid = pid;
    }

    /** Writes what the recording started with the server ({@link #RECORDING}) holds so far to {@code file}. */
    void dump(Path file) throws Exception {
        jcmd("JFR.dump", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... args) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String[] command = new String[args.length + 2];
        command[0] = jcmd;
        command[1] = Long.toString(pid);
        System.arraycopy(args, 0, command, 2, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }
}
