package io.github.kcpat.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** JDK Flight Recorder on the server's JVM, started and stopped with {@code jcmd} around one run. */
final class FlightRecorder {

    private final long pid;

    FlightRecorder(long pid) {
        this.pid = pid;
    }

    void start(String name) throws Exception {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    void stop(String name, Path file) throws Exception {
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
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
