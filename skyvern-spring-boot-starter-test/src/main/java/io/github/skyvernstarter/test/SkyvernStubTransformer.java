package io.github.skyvernstarter.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.fake.FakeRequest;
import io.github.skyvernstarter.fake.FakeResponse;
import io.github.skyvernstarter.fake.FakeSkyvern;

/**
 * The WireMock extension that answers the stub's catch-all mapping from the {@link FakeSkyvern}.
 */
final class SkyvernStubTransformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "skyvern-stub";

	private final FakeSkyvern fake;

	SkyvernStubTransformer(FakeSkyvern fake) {
		this.fake = fake;
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
			headers.put(header.key(), header.values());
		}
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (QueryParameter parameter : request.getQueryParams().values()) {
			query.put(parameter.key(), parameter.values());
		}
		String path = URI.create(request.getUrl()).getPath();
		byte[] body = (request.getBody() != null) ? request.getBody() : new byte[0];
		FakeResponse response = this.fake
			.handle(new FakeRequest(request.getMethod().getName(), path, headers, query, body));
		ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(response.status())
			.withBody(response.body());
		response.headers().forEach(answer::withHeader);
		return answer.build();
	}

}
