package com.sparkify.tools.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CQL probe against tiny in-test servers that play one connection each; no Cassandra needed. */
class CqlProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final byte ERROR = 0x00;
  private static final byte READY = 0x02;

  @Test
  void supportedAnswerMeansReady() throws Exception {
    byte[][] header = new byte[1][];
    assertTrue(probe(client -> {
      header[0] = new DataInputStream(client.getInputStream()).readNBytes(9);
      // SUPPORTED body: a string multimap with one entry, CQL_VERSION -> [3.4.7]
      respond(client, CqlProbe.SUPPORTED, ByteBuffer.allocate(24).putShort((short) 1)
          .put(string("CQL_VERSION")).putShort((short) 1).put(string("3.4.7")).array());
    }));
    assertArrayEquals(new byte[] {0x04, 0, 0, 1, CqlProbe.OPTIONS, 0, 0, 0, 0}, header[0]);
  }

  @Test
  void errorAnswerIsNotReady() throws Exception {
    assertFalse(probe(client -> {
      readRequest(client);
      respond(client, ERROR, ByteBuffer.allocate(9).putInt(0x000A).put(string("bad")).array());
    }));
  }

  @Test
  void nonCqlAnswerIsNotReady() throws Exception {
    assertFalse(probe(client -> {
      readRequest(client);
      client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }));
  }

  @Test
  void closedConnectionIsNotReady() throws Exception {
    assertFalse(probe(Socket::close));
  }

  @Test
  void silentServerIsNotReadyAfterTheTimeout() throws Exception {
    long start = System.nanoTime();
    assertFalse(probe(client -> {
      readRequest(client);
      client.getInputStream().read(); // returns once the probe gives up and closes
    }));
    assertTrue(System.nanoTime() - start < TIMEOUT.multipliedBy(3).toNanos(), "probe waited too long");
  }

  @Test
  void closedPortIsNotReady() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    assertFalse(CqlProbe.answersOptions("127.0.0.1", port, TIMEOUT));
  }

  @Test
  void rightPasswordLogsIn() throws Exception {
    assertTrue(logIn("cassandra"));
  }

  @Test
  void wrongPasswordDoesNotLogIn() throws Exception {
    assertFalse(logIn("wrong"));
  }

  @Test
  void serverWithoutAuthenticationIsNoLogin() throws Exception {
    assertFalse(server(client -> {
      assertEquals(CqlProbe.STARTUP, readRequest(client)[4]);
      respond(client, READY, new byte[0]);
    }, port -> CqlProbe.logsIn("127.0.0.1", port, TIMEOUT, "cassandra", "cassandra")));
  }

  /** Logs in as cassandra with the password against a server that knows cassandra/cassandra. */
  private static boolean logIn(String password) throws Exception {
    return server(client -> {
      byte[] startup = readRequest(client);
      assertEquals(CqlProbe.STARTUP, startup[4]);
      byte[] options = Arrays.copyOfRange(startup, 9, startup.length);
      assertArrayEquals(ByteBuffer.allocate(22).putShort((short) 1)
          .put(string("CQL_VERSION")).put(string("3.0.0")).array(), options);
      respond(client, CqlProbe.AUTHENTICATE, string("org.apache.cassandra.auth.PasswordAuthenticator"));

      byte[] response = readRequest(client);
      assertEquals(CqlProbe.AUTH_RESPONSE, response[4]);
      byte[] token = Arrays.copyOfRange(response, 13, response.length);
      if (Arrays.equals("\0cassandra\0cassandra".getBytes(StandardCharsets.UTF_8), token)) {
        respond(client, CqlProbe.AUTH_SUCCESS, ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        respond(client, ERROR, ByteBuffer.allocate(21).putInt(0x0100).put(string("Bad credentials")).array());
      }
    }, port -> CqlProbe.logsIn("127.0.0.1", port, TIMEOUT, "cassandra", password));
  }

  private interface Behaviour {
    void serve(Socket client) throws IOException;
  }

  private interface Client {
    boolean connect(int port);
  }

  private static boolean probe(Behaviour behaviour) throws Exception {
    return server(behaviour, port -> CqlProbe.answersOptions("127.0.0.1", port, TIMEOUT));
  }

  /** Runs the client against a server that serves one connection; the server's failures fail the test. */
  private static boolean server(Behaviour behaviour, Client client) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (Socket accepted = server.accept()) {
          behaviour.serve(accepted);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      boolean result = client.connect(server.getLocalPort());
      served.get(5, TimeUnit.SECONDS);
      return result;
    }
  }

  /** One request frame: the 9-byte header, then its body. */
  private static byte[] readRequest(Socket client) throws IOException {
    DataInputStream in = new DataInputStream(client.getInputStream());
    byte[] header = in.readNBytes(9);
    byte[] body = in.readNBytes(ByteBuffer.wrap(header, 5, 4).getInt());
    return ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
  }

  /** A v4 response frame on stream 1. */
  private static void respond(Socket client, byte opcode, byte[] body) throws IOException {
    DataOutputStream out = new DataOutputStream(client.getOutputStream());
    out.write(new byte[] {(byte) 0x84, 0, 0, 1, opcode});
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  /** A protocol [string]: short length, then UTF-8. */
  private static byte[] string(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + bytes.length).putShort((short) bytes.length).put(bytes).array();
  }
}
