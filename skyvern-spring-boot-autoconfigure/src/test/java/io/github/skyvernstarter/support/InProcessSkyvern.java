package io.github.skyvernstarter.support;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Skyvern's API answered in process, on the calling thread: a {@link WebClient} built on it completes
 * each call before the subscribing call returns. With the template's timer on virtual time, a wait of
 * minutes then runs step by step on the test's thread, and every request it sends is counted here,
 * without a socket, a pool or a thread that could make the count depend on the machine's load.
 */
public final class InProcessSkyvern implements ExchangeFunction {

	private static final String BASE_URL = "http://skyvern.in-process";

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/**
	 * Answer {@code 200} with the given JSON to every request with this method and path, from now on.
	 * @param method the method
	 * @param path the path, for example {@code /v1/runs/wr_1}
	 * @param json the body
	 * @return this fake
	 */
	public InProcessSkyvern answer(HttpMethod method, String path, String json) {
		this.answers.put(method.name() + " " + path, json);
		return this;
	}

	/**
	 * Return how many requests with this method and path were sent.
	 * @param method the method
	 * @param path the path
	 * @return the number of requests
	 */
	public int requests(HttpMethod method, String path) {
		String key = method.name() + " " + path;
		return (int) this.requests.stream().filter(key::equals).count();
	}

	/**
	 * Return a WebClient whose every call this fake answers.
	 * @return the WebClient
	 */
	public WebClient webClient() {
		return WebClient.builder().baseUrl(BASE_URL).exchangeFunction(this).build();
	}

	@Override
	public Mono<ClientResponse> exchange(ClientRequest request) {
		String key = request.method().name() + " " + request.url().getRawPath();
		this.requests.add(key);
		String json = this.answers.get(key);
		ClientResponse.Builder response = (json != null)
				? ClientResponse.create(HttpStatus.OK).header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.body(json)
				: ClientResponse.create(HttpStatus.NOT_FOUND).body("{\"detail\":\"Not Found\"}");
		return Mono.just(response.request(asHttpRequest(request)).build());
	}

	private static HttpRequest asHttpRequest(ClientRequest request) {
		return new HttpRequest() {

			@Override
			public HttpMethod getMethod() {
				return request.method();
			}

			@Override
			public URI getURI() {
				return request.url();
			}

			@Override
			public Map<String, Object> getAttributes() {
				return request.attributes();
			}

			@Override
			public HttpHeaders getHeaders() {
				return request.headers();
			}

		};
	}

}
