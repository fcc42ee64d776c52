package io.github.skyvernstarter.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Posts deliveries to a receiver on loopback, as Skyvern's HTTP client would.
 */
final class WebhookClient {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI uri;

	WebhookClient(int port, String path) {
		this.uri = URI.create("http://127.0.0.1:" + port + path);
	}

	HttpResponse<String> post(byte[] body, Map<String, String> headers) {
		return send("POST", HttpRequest.BodyPublishers.ofByteArray(body), headers);
	}

	/** Posts without a Content-Length (chunked), so the receiver learns the size only while reading. */
	HttpResponse<String> postChunked(byte[] body, Map<String, String> headers) {
		return send("POST", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
	}

	HttpResponse<String> send(String method, HttpRequest.BodyPublisher body, Map<String, String> headers) {
		try {
			return this.http.send(request(method, body, headers), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	CompletableFuture<HttpResponse<String>> postAsync(byte[] body, Map<String, String> headers) {
		return this.http.sendAsync(request("POST", HttpRequest.BodyPublishers.ofByteArray(body), headers),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String method, HttpRequest.BodyPublisher body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).timeout(Duration.ofSeconds(30)).method(method, body);
		headers.forEach(request::header);
		return request.build();
	}

}
