package io.github.skyvernstarter.autoconfigure;

import java.util.function.Supplier;

import org.springframework.http.HttpMethod;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@link WebClient} built on its first use rather than at startup.
 * <p>
 * Building the starter's WebClient creates Boot's {@link WebClient.Builder} (and with it the shared
 * HTTP connector Boot gives that builder) and the starter's own connector: with Reactor Netty, most of
 * the starter's share of an application's startup, for a client an application may call only minutes
 * later, or never. The settings it is built from are resolved at startup all the same.
 */
final class LazyWebClient implements WebClient {

	private final SingletonSupplier<WebClient> webClient;

	LazyWebClient(Supplier<WebClient> webClient) {
		this.webClient = SingletonSupplier.of(webClient);
	}

	private WebClient webClient() {
		return this.webClient.obtain();
	}

	@Override
	public RequestHeadersUriSpec<?> get() {
		return webClient().get();
	}

	@Override
	public RequestHeadersUriSpec<?> head() {
		return webClient().head();
	}

	@Override
	public RequestBodyUriSpec post() {
		return webClient().post();
	}

	@Override
	public RequestBodyUriSpec put() {
		return webClient().put();
	}

	@Override
	public RequestBodyUriSpec patch() {
		return webClient().patch();
	}

	@Override
	public RequestHeadersUriSpec<?> delete() {
		return webClient().delete();
	}

	@Override
	public RequestHeadersUriSpec<?> options() {
		return webClient().options();
	}

	@Override
	public RequestBodyUriSpec method(HttpMethod method) {
		return webClient().method(method);
	}

	@Override
	public Builder mutate() {
		return webClient().mutate();
	}

}
