package io.github.skyvernstarter.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Scenario 1: the cost of one blocking call through {@link SkyvernWorkflowTemplate} against a
 * hand-written WebClient call that sends the same request and parses the same answer, both against
 * the same canned-bytes stub.
 * <p>
 * A third side, the hand-written call with a per-call {@code timeout()} like the template's, shows
 * how much of any gap that operator alone explains. The sides alternate call by call, the one going
 * first rotating, so that load from elsewhere on the machine lands on all of them alike; each round
 * yields one median and one 99th percentile per side.
 */
public final class CallOverheadBenchmark {

	static final List<String> SIDES = List.of("template", "raw", "rawWithTimeout");

	private CallOverheadBenchmark() {
	}

	/**
	 * Run the scenario in this JVM.
	 * @param args result file, rounds, calls per side per round, warm-up calls per side
	 */
	public static void main(String[] args) {
		Path resultFile = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		int callsPerRound = Integer.parseInt(args[2]);
		int warmup = Integer.parseInt(args[3]);
		Properties figures = new Properties();
		try (StubServer stub = new StubServer();
				ConfigurableApplicationContext context = ClientApp.start(stub.baseUrl(), Map.of())) {
			SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
			// What an application writes by hand: Boot's WebClient.Builder, the same request, the same parsing.
			WebClient webClient = context.getBean(WebClient.Builder.class).baseUrl(stub.baseUrl()).build();
			RawClient raw = new RawClient(webClient, null);
			RawClient rawWithTimeout = new RawClient(webClient, Duration.ofSeconds(60));
			RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_bench").parameter("account", "42").build();
			Map<String, Object> parameters = Map.of("account", "42");
			measure("getRun", List.of(() -> template.getRun("wr_bench"), () -> raw.getRun("wr_bench"),
					() -> rawWithTimeout.getRun("wr_bench")), rounds, callsPerRound, warmup, figures);
			measure("runWorkflow", List.of(() -> template.runWorkflow(request),
					() -> raw.runWorkflow("wpid_bench", parameters),
					() -> rawWithTimeout.runWorkflow("wpid_bench", parameters)), rounds, callsPerRound, warmup,
					figures);
		}
		Results.write(resultFile, figures);
	}

	private static void measure(String operation, List<Supplier<SkyvernRun>> sides, int rounds, int callsPerRound,
			int warmup, Properties figures) {
		for (int i = 0; i < warmup; i++) {
			sides.forEach((side) -> check(side.get()));
		}
		int count = sides.size();
		double[][] medians = new double[count][rounds];
		double[][] p99s = new double[count][rounds];
		long[][] samples = new long[count][callsPerRound];
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < callsPerRound; i++) {
				// Call by call, the side going first rotates: a burst of load from elsewhere hits all sides.
				for (int turn = 0; turn < count; turn++) {
					int side = (turn + i + round) % count;
					samples[side][i] = time(sides.get(side));
				}
			}
			for (int side = 0; side < count; side++) {
				medians[side][round] = Stats.percentile(samples[side], 50) / 1000.0;
				p99s[side][round] = Stats.percentile(samples[side], 99) / 1000.0;
			}
		}
		for (int side = 0; side < count; side++) {
			figures.setProperty(operation + "." + SIDES.get(side) + ".medianMicros", Results.join(medians[side]));
			figures.setProperty(operation + "." + SIDES.get(side) + ".p99Micros", Results.join(p99s[side]));
		}
		figures.setProperty(operation + ".callsPerSide", Long.toString((long) rounds * callsPerRound));
	}

	private static long time(Supplier<SkyvernRun> call) {
		long start = System.nanoTime();
		SkyvernRun run = call.get();
		long elapsed = System.nanoTime() - start;
		check(run);
		return elapsed;
	}

	private static void check(SkyvernRun run) {
		if (run.runId().isEmpty()) {
			throw new IllegalStateException("Unexpected run " + run);
		}
	}

	/**
	 * The hand-written baseline: the request Skyvern expects and the answer parsed into the same
	 * record, with nothing else (no error mapping, options or retries), and a timeout only if given.
	 */
	static final class RawClient {

		private final WebClient webClient;

		private final @Nullable Duration timeout;

		RawClient(WebClient webClient, @Nullable Duration timeout) {
			this.webClient = webClient;
			this.timeout = timeout;
		}

		SkyvernRun getRun(String runId) {
			Mono<byte[]> body = this.webClient.get()
				.uri("/v1/runs/{runId}", runId)
				.header(SkyvernHeaders.API_KEY, ClientApp.API_KEY)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.bodyToMono(byte[].class);
			return SkyvernJson.mapper().readValue(block(body), SkyvernRun.class);
		}

		SkyvernRun runWorkflow(String workflowId, Map<String, Object> parameters) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("agent_id", workflowId);
			request.put("parameters", parameters);
			Mono<byte[]> body = this.webClient.post()
				.uri("/v1/run/agents")
				.header(SkyvernHeaders.API_KEY, ClientApp.API_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.bodyValue(SkyvernJson.mapper().writeValueAsBytes(request))
				.retrieve()
				.bodyToMono(byte[].class);
			return SkyvernJson.mapper().readValue(block(body), SkyvernRun.class);
		}

		private byte[] block(Mono<byte[]> body) {
			return ((this.timeout != null) ? body.timeout(this.timeout) : body).block();
		}

	}

}
