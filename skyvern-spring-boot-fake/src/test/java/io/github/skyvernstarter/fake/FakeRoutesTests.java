package io.github.skyvernstarter.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FakeRoutes}: the table new Skyvern operations are added to.
 */
class FakeRoutesTests {

	private final FakeRoutes routes = new FakeRoutes()
		.add("POST", "/v1/runs/cancel", (request, variables) -> answer("bulk cancel"))
		.add("GET", "/v1/runs/{runId}", (request, variables) -> answer("run " + variables.get("runId")))
		.add("POST", "/v1/runs/{runId}/artifacts/{artifactId}",
				(request, variables) -> answer(variables.get("runId") + " " + variables.get("artifactId")))
		.add("GET", "/v1/runs", (request, variables) -> answer("page " + request.queryParameter("page")));

	@Test
	void aLiteralRouteAddedFirstWinsOverATemplateThatAlsoMatches() {
		assertThat(dispatch("POST", "/v1/runs/cancel").bodyAsString()).isEqualTo("bulk cancel");
		assertThat(dispatch("GET", "/v1/runs/cancel").bodyAsString()).isEqualTo("run cancel");
	}

	@Test
	void passesPathVariablesAndTheQuery() {
		assertThat(dispatch("POST", "/v1/runs/wr_1/artifacts/a_2").bodyAsString()).isEqualTo("wr_1 a_2");
		FakeRequest paged = new FakeRequest("get", "/v1/runs", Map.of(), Map.of("page", List.of("3")), new byte[0]);
		assertThat(this.routes.dispatch(paged).bodyAsString()).isEqualTo("page 3");
	}

	@Test
	void aVariableMatchesOneSegmentOnly() {
		assertThat(dispatch("GET", "/v1/runs/wr_1/timeline").status()).isEqualTo(404);
		assertThat(dispatch("GET", "/v1/runs/wr_1/").bodyAsString()).isEqualTo("run wr_1");
	}

	@Test
	void answers405ForAKnownPathWithAnotherMethodAnd404ForAnUnknownPath() {
		assertThat(dispatch("DELETE", "/v1/runs/wr_1").status()).isEqualTo(405);
		assertThat(dispatch("GET", "/v1/agents").status()).isEqualTo(404);
		assertThat(dispatch("GET", "/v1/agents").bodyAsString()).isEqualTo("{\"detail\":\"Not Found\"}");
	}

	private FakeResponse dispatch(String method, String path) {
		return this.routes.dispatch(new FakeRequest(method, path, Map.of(), Map.of(), new byte[0]));
	}

	private static FakeResponse answer(String text) {
		return new FakeResponse(200, Map.of(), text.getBytes(StandardCharsets.UTF_8));
	}

}
