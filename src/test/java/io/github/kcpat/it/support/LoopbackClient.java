package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 POST from a chosen source address on loopback (all of 127.0.0.0/8 is local on Linux), answering the
 * status: how a test plays many clients at once. Java 17's {@code HttpClient} cannot choose its source address.
 */
public final class LoopbackClient {

    private LoopbackClient() {
    }

    /** 127.x.y.z for an index, never in 127.0.0.0/24 (the tests' own address): 250 addresses per /24. */
    public static InetAddress address(int index) throws IOException {
        int network = index / 250;
        return InetAddress.getByAddress(new byte[] {127, (byte) (1 + network / 256), (byte) (network % 256),
                (byte) (1 + index % 250)});
    }

    public static int postJson(InetAddress from, String url, String json) throws IOException {
        URI uri = URI.create(url);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!answer.startsWith("HTTP/1.1 ")) {
                throw new IOException("Not an HTTP answer: " + answer);
            }
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}
