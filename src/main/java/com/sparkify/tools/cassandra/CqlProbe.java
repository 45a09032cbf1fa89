package com.sparkify.tools.cassandra;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Speaks just enough of the CQL native protocol (v4, which needs no framing layer) to tell whether a
 * node is usable. Cassandra accepts TCP connections before it can serve requests, so only an answered
 * request counts.
 */
final class CqlProbe {
  static final byte STARTUP = 0x01;
  static final byte AUTHENTICATE = 0x03;
  static final byte OPTIONS = 0x05;
  static final byte SUPPORTED = 0x06;
  static final byte AUTH_RESPONSE = 0x0F;
  static final byte AUTH_SUCCESS = 0x10;

  private static final byte REQUEST_V4 = 0x04;
  private static final byte RESPONSE_V4 = (byte) 0x84;
  private static final short STREAM_ID = 1;
  private static final int MAX_BODY = 1 << 20;

  private CqlProbe() {}

  /** True when host:port answers OPTIONS with SUPPORTED; the timeout applies to connect and to each read. */
  static boolean answersOptions(String host, int port, Duration timeout) {
    return converse(host, port, timeout, (out, in) -> request(out, in, OPTIONS, new byte[0]) == SUPPORTED);
  }

  /** True when host:port asks for credentials and accepts these (PasswordAuthenticator's SASL PLAIN). */
  static boolean logsIn(String host, int port, Duration timeout, String user, String password) {
    byte[] token = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    return converse(host, port, timeout, (out, in) ->
        request(out, in, STARTUP, startupOptions()) == AUTHENTICATE
            && request(out, in, AUTH_RESPONSE, withLength(token)) == AUTH_SUCCESS);
  }

  private interface Conversation {
    boolean run(DataOutputStream out, DataInputStream in) throws IOException;
  }

  private static boolean converse(String host, int port, Duration timeout, Conversation conversation) {
    int millis = (int) timeout.toMillis();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      return conversation.run(
          new DataOutputStream(socket.getOutputStream()), new DataInputStream(socket.getInputStream()));
    } catch (IOException e) {
      return false;
    }
  }

  /** Sends one request; returns the response's opcode, or -1 when the answer is not a v4 response to it. */
  private static int request(DataOutputStream out, DataInputStream in, byte opcode, byte[] body) throws IOException {
    out.writeByte(REQUEST_V4);
    out.writeByte(0); // flags
    out.writeShort(STREAM_ID);
    out.writeByte(opcode);
    out.writeInt(body.length);
    out.write(body);
    out.flush();
    if (in.readByte() != RESPONSE_V4) {
      return -1;
    }
    in.readByte(); // flags
    short stream = in.readShort();
    byte responseOpcode = in.readByte();
    int length = in.readInt();
    if (stream != STREAM_ID || length < 0 || length > MAX_BODY) {
      return -1;
    }
    in.skipNBytes(length);
    return responseOpcode;
  }

  /** A [string map] with the one option STARTUP requires. */
  private static byte[] startupOptions() {
    byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
    byte[] value = "3.0.0".getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + 2 + key.length + 2 + value.length)
        .putShort((short) 1)
        .putShort((short) key.length).put(key)
        .putShort((short) value.length).put(value)
        .array();
  }

  /** A [bytes] value: int length, then the bytes. */
  private static byte[] withLength(byte[] bytes) {
    return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
  }
}
