package io.github.skyvernstarter.benchmarks;

import java.nio.file.Path;
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
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Scenario 1: the cost of one blocking call through {@link SkyvernWorkflowTemplate} against a
 * hand-written WebClient call that sends the same request and parses the same answer, both against
 * the same canned-bytes stub.
 * <p>
 * A third side, the template of a second application context with the starter's own observations
 * switched off ({@code management.observations.enable.skyvern=false}), shows how much of any gap the
 * {@code skyvern.operation} observation and its meters explain. The sides alternate call by call, the one going
 * first rotating, so that load from elsewhere on the machine lands on all of them alike; each round
 * yields one median and one 99th percentile per side.
 */
public final class CallOverheadBenchmark {

	static final List<String> SIDES = List.of("template", "raw", "templateUnobserved");

	/** Switches the starter's own observations off, as an application can. */
	static final Map<String, Object> UNOBSERVED = Map.of("management.observations.enable.skyvern", "false");

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
				ConfigurableApplicationContext context = ClientApp.start(stub.baseUrl(), Map.of());
				ConfigurableApplicationContext unobservedContext = ClientApp.start(stub.baseUrl(), UNOBSERVED)) {
			SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
			SkyvernWorkflowTemplate unobserved = unobservedContext.getBean(SkyvernWorkflowTemplate.class);
			// What an application writes by hand: Boot's WebClient.Builder, the same request, the same parsing.
			WebClient webClient = context.getBean(WebClient.Builder.class).baseUrl(stub.baseUrl()).build();
			RawClient raw = new RawClient(webClient);
			RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_bench").parameter("account", "42").build();
			Map<String, Object> parameters = Map.of("account", "42");
			measure("getRun", List.of(() -> template.getRun("wr_bench"), () -> raw.getRun("wr_bench"),
					() -> unobserved.getRun("wr_bench")), rounds, callsPerRound, warmup, figures);
			measure("runWorkflow", List.of(() -> template.runWorkflow(request),
					() -> raw.runWorkflow("wpid_bench", parameters), () -> unobserved.runWorkflow(request)), rounds,
					callsPerRound, warmup, figures);
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
	 * record, with nothing else (no error mapping, options, retries or time limit).
	 */
	static final class RawClient {

		private final WebClient webClient;

		RawClient(WebClient webClient) {
			this.webClient = webClient;
		}

		SkyvernRun getRun(String runId) {
			Mono<byte[]> body = this.webClient.get()
				.uri("/v1/runs/{runId}", runId)
				.header(SkyvernHeaders.API_KEY, ClientApp.API_KEY)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.bodyToMono(byte[].class);
			return SkyvernJson.mapper().readValue(body.block(), SkyvernRun.class);
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
			return SkyvernJson.mapper().readValue(body.block(), SkyvernRun.class);
		}

	}

}
