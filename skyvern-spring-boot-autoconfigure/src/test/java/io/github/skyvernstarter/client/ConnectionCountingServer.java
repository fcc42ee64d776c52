package io.github.skyvernstarter.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that counts its open connections: a connection counts from accept until
 * the client closes it. The server never closes a connection by itself; {@link #closeOutputs()} ends
 * its side, as a server that times out an exchange does. A client that abandons a socket without
 * closing it stays counted: that is the leak the tests look for ({@code CLOSE_WAIT} on the client).
 */
final class ConnectionCountingServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final Behaviour behaviour;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile boolean running = true;

	private ConnectionCountingServer(Behaviour behaviour) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.behaviour = behaviour;
		Thread acceptor = new Thread(this::accept, "counting-server-" + this.serverSocket.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start a server that answers every request with headers and then nothing more.
	 */
	static ConnectionCountingServer headersThenSilence() throws IOException {
		return new ConnectionCountingServer(Behaviour.HEADERS_THEN_SILENCE);
	}

	/**
	 * Start a server that reads every request and never answers.
	 */
	static ConnectionCountingServer silent() throws IOException {
		return new ConnectionCountingServer(Behaviour.SILENT);
	}

	/**
	 * Start a server that answers 200 with a body of the given size.
	 */
	static ConnectionCountingServer bodyOf(long bytes) throws IOException {
		return new ConnectionCountingServer(new Behaviour.Body(bytes, false, Duration.ZERO, new AtomicInteger()));
	}

	/**
	 * Start a server that answers 200 with a body of the given size, pausing after its first 64KB.
	 */
	static ConnectionCountingServer pausingBodyOf(long bytes, Duration pause) throws IOException {
		return new ConnectionCountingServer(new Behaviour.Body(bytes, false, pause, new AtomicInteger()));
	}

	/**
	 * Start a server that answers 200 with a chunked body of the given size and no
	 * {@code Content-Length}.
	 */
	static ConnectionCountingServer chunkedBodyOf(long bytes) throws IOException {
		return new ConnectionCountingServer(new Behaviour.Body(bytes, true, Duration.ZERO, new AtomicInteger()));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	/**
	 * Return the number of connections the client has not closed.
	 */
	int openConnections() {
		return this.open.get();
	}

	/**
	 * Whether every answer that pauses has gone on after its pause.
	 */
	boolean pausedAnswersResumed() {
		if (this.behaviour instanceof Behaviour.Body body && !body.pause().isZero()) {
			return body.resumed().get() == this.requests.get();
		}
		return true;
	}

	/**
	 * Return the number of requests received.
	 */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private void accept() {
		while (this.running) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				this.open.incrementAndGet();
				Thread handler = new Thread(() -> handle(socket), "counting-server-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/**
	 * End the server's side of every connection, as a server does when it times out an idle or
	 * unfinished exchange; each stays counted until the client closes it.
	 */
	void closeOutputs() {
		for (Socket socket : this.sockets) {
			try {
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				// Already closed.
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			try {
				OutputStream out = socket.getOutputStream();
				while (readRequest(in)) {
					this.requests.incrementAndGet();
					this.behaviour.answer(out);
				}
			}
			catch (IOException ex) {
				// A write failed (the client went away, or closeOutputs ended this side): wait below.
			}
			// The connection counts until the client closes it: end of stream, or a reset.
			while (in.read() >= 0) {
				// Discard whatever the client still sends.
			}
		}
		catch (IOException ex) {
			// The client reset the connection.
		}
		finally {
			this.sockets.remove(socket);
			this.open.decrementAndGet();
		}
	}

	/**
	 * Read one request (head and a {@code Content-Length} body); {@code false} at end of stream.
	 */
	private static boolean readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				return false;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
		long contentLength = 0;
		for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				contentLength = Long.parseLong(line.substring("content-length:".length()).trim());
			}
		}
		for (long i = 0; i < contentLength; i++) {
			if (in.read() < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How the server answers a request.
	 */
	private interface Behaviour {

		/** No answer: the handler goes on to read the next request, which never comes. */
		Behaviour SILENT = (out) -> {
		};

		/** The headers of an answer whose body never comes. */
		Behaviour HEADERS_THEN_SILENCE = (out) -> {
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		};

		/**
		 * Write the answer, or as much of it as the behaviour sends.
		 */
		void answer(OutputStream out) throws IOException;

		record Body(long bytes, boolean chunked, Duration pause, AtomicInteger resumed) implements Behaviour {

			@Override
			public void answer(OutputStream out) throws IOException {
				String framing = this.chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + this.bytes;
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				byte[] chunk = new byte[8192];
				Arrays.fill(chunk, (byte) ' ');
				long left = this.bytes;
				long pauseAt = this.bytes - 64 * 1024;
				while (left > 0) {
					if (!this.pause.isZero() && left <= pauseAt) {
						out.flush();
						sleep(this.pause);
						this.resumed.incrementAndGet();
						pauseAt = -1;
					}
					int size = (int) Math.min(chunk.length, left);
					if (this.chunked) {
						out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					}
					out.write(chunk, 0, size);
					if (this.chunked) {
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					left -= size;
				}
				if (this.chunked) {
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.flush();
			}

			private static void sleep(Duration pause) throws IOException {
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}

		}

	}

}
