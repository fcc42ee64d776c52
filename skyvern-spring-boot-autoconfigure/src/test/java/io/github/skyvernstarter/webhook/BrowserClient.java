package io.github.skyvernstarter.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user of a secured application, as a browser or a script acts: keeps its session cookies, never
 * follows redirects, and logs in with a form or HTTP Basic.
 */
final class BrowserClient {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String authorization;

	/**
	 * Create a client for an application.
	 * @param port the server's port
	 * @param basePath the context path or base path, empty if none
	 */
	BrowserClient(int port, String basePath) {
		this.base = "http://127.0.0.1:" + port + basePath;
	}

	/** Send HTTP Basic credentials with every later request. */
	BrowserClient basic(String user, String password) {
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/** Log in through the application's login form, as a browser does: the form's CSRF token included. */
	BrowserClient formLogin(String user, String password) {
		HttpResponse<String> page = get("/login");
		Matcher csrf = CSRF_INPUT.matcher(page.body());
		if (page.statusCode() != 200 || !csrf.find()) {
			throw new IllegalStateException("No login form: " + page.statusCode() + " " + page.body());
		}
		HttpResponse<String> login = postForm("/login",
				Map.of("username", user, "password", password, "_csrf", csrf.group(1)), Map.of());
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("Login failed: " + login.statusCode() + " " + login.headers().map());
		}
		return this;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
	}

	HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
	}

	HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request, headers);
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
		request.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		headers.forEach(request::header);
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
