package io.github.skyvernstarter.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request on a plain socket, sent piece by piece, as a slow or stalling sender would:
 * the test decides when (and whether) each part of the body goes out.
 */
final class RawHttpConnection implements AutoCloseable {

	private final Socket socket = new Socket();

	RawHttpConnection(int port, String method, String path, Map<String, String> headers) {
		try {
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			send(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send bytes of the body.
	 * @return {@code false} if the server has closed the connection
	 */
	boolean send(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Read the answer's status line and headers.
	 * @param timeoutMillis the longest wait for them
	 * @return the status, with the headers (names in lower case)
	 */
	Answer readAnswer(int timeoutMillis) {
		try {
			this.socket.setSoTimeout(timeoutMillis);
			InputStream in = this.socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next < 0) {
					throw new IllegalStateException("Connection closed before an answer: " + head);
				}
				head.write(next);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
			}
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No answer within " + timeoutMillis + " ms", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing is all that was asked.
		}
	}

	record Answer(int status, Map<String, String> headers) {

	}

}
