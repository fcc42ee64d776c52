package io.github.skyvernstarter.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The WireMock extension that answers the stub's catch-all mapping from {@link SkyvernStubApi}.
 */
final class SkyvernStubTransformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "skyvern-stub";

	private final SkyvernStubApi api;

	SkyvernStubTransformer(SkyvernStubApi api) {
		this.api = api;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		// Only the stub's own mapping: stubs a test adds through WireMock answer as they are.
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		LoggedRequest request = serveEvent.getRequest();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key().toLowerCase(Locale.ROOT), List.copyOf(header.values()));
		}
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (QueryParameter parameter : request.getQueryParams().values()) {
			query.put(parameter.key(), List.copyOf(parameter.values()));
		}
		String path = URI.create(request.getUrl()).getPath();
		byte[] body = (request.getBody() != null) ? request.getBody() : new byte[0];
		SkyvernStubApi.Response response = this.api
			.handle(new SkyvernStubApi.Request(request.getMethod().getName(), path, headers, query, body));
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(response.status())
			.withHeader("Content-Type", "application/json")
			.withBody(response.body())
			.build();
	}

}
