package io.github.skyvernstarter.benchmarks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.skyvernstarter.model.SkyvernJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A loopback Skyvern simulator whose runs finish a random time after they were started: each
 * {@code POST /v1/run/agents} creates a run, and {@code GET /v1/runs/{id}} answers {@code running}
 * until the run's finish time, then {@code completed}. It counts the API calls it answered
 * ({@code GET /sim/stats}, {@code POST /sim/reset}) and, given a {@link WebhookSender}, delivers a
 * signed run-finished webhook to a run's {@code webhook_url} when the run finishes.
 * <p>
 * Run as its own JVM ({@link #main}) so that its threads and heap are not counted as the client's.
 * <p>
 * Not the project's fake Skyvern ({@code skyvern-spring-boot-fake}), on purpose: this server is part of
 * what is measured. It must serve thousands of concurrent waits on two event-loop threads at a small,
 * constant cost per call, so it answers canned bytes ({@link CannedRuns}), keeps nothing per run but
 * a finish time and a poll count, and counts calls on the server side. The fake writes every answer
 * from a run's state, records every request and sends webhooks through the JDK's HTTP client: right
 * for testing behaviour, but its cost would be measured along with the client's.
 */
public final class RunSimulator implements AutoCloseable {

	private static final byte[] EMPTY = new byte[0];

	private final Map<Long, Long> finishAt = new ConcurrentHashMap<>();

	private final Map<Long, LongAdder> getsPerRun = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final LongAdder posts = new LongAdder();

	private final LongAdder gets = new LongAdder();

	private final SplittableRandom seed;

	private final long minNanos;

	private final long maxNanos;

	private final @Nullable WebhookSender webhooks;

	private final LoopResources loops;

	private final DisposableServer server;

	RunSimulator(long minMillis, long maxMillis, long seed, @Nullable WebhookSender webhooks) {
		this.minNanos = minMillis * 1_000_000L;
		this.maxNanos = maxMillis * 1_000_000L;
		this.seed = new SplittableRandom(seed);
		this.webhooks = webhooks;
		this.loops = LoopResources.create("simulator", 2, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes
				.post("/v1/run/agents", (request, response) -> request.receive()
					.aggregate()
					.asByteArray()
					.defaultIfEmpty(EMPTY)
					.flatMap((body) -> send(response, create(body))))
				.get("/v1/runs/{runId}", (request, response) -> send(response, read(request.param("runId"))))
				.get("/sim/stats", (request, response) -> send(response,
						CannedRuns.bytes(this.posts.sum() + " " + this.gets.sum())))
				.post("/sim/reset", (request, response) -> {
					this.posts.reset();
					this.gets.reset();
					return send(response, CannedRuns.bytes("ok"));
				}))
			.bindNow();
	}

	private byte[] create(byte[] body) {
		this.posts.increment();
		long id = this.ids.incrementAndGet();
		long duration;
		synchronized (this.seed) {
			duration = this.minNanos + this.seed.nextLong(this.maxNanos - this.minNanos + 1);
		}
		long finish = System.nanoTime() + duration;
		this.finishAt.put(id, finish);
		this.getsPerRun.put(id, new LongAdder());
		String runId = "wr_" + id;
		if (this.webhooks != null) {
			Object webhookUrl = SkyvernJson.mapper().readValue(body, Map.class).get("webhook_url");
			if (webhookUrl != null) {
				this.webhooks.deliverAt(finish, runId, webhookUrl.toString());
			}
		}
		return CannedRuns.bytes(CannedRuns.run(runId, "created", false));
	}

	private byte[] read(@Nullable String runId) {
		this.gets.increment();
		long id = idOf(runId);
		LongAdder perRun = this.getsPerRun.get(id);
		if (perRun != null) {
			perRun.increment();
		}
		Long finish = this.finishAt.get(id);
		boolean done = (finish == null) || System.nanoTime() - finish >= 0;
		return CannedRuns.bytes(CannedRuns.run(runId + "", done ? "completed" : "running", done));
	}

	private static long idOf(@Nullable String runId) {
		try {
			return (runId != null && runId.startsWith("wr_")) ? Long.parseLong(runId.substring(3)) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Mono<Void> send(HttpServerResponse response, byte[] body) {
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	long posts() {
		return this.posts.sum();
	}

	/**
	 * Return the id number of the last run created, 0 if none.
	 */
	long lastRun() {
		return this.ids.get();
	}

	/**
	 * Return how many times each run created after the given one was read, in order of creation.
	 */
	long[] getsPerRunAfter(long run) {
		return this.getsPerRun.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() > run)
			.sorted(Map.Entry.comparingByKey())
			.mapToLong((entry) -> entry.getValue().sum())
			.toArray();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
		if (this.webhooks != null) {
			this.webhooks.close();
		}
	}

	/**
	 * Serve until the process is ended.
	 * @param args shortest and longest run in milliseconds, random seed
	 * @throws InterruptedException never in practice: the process is ended from outside
	 */
	public static void main(String[] args) throws InterruptedException {
		RunSimulator simulator = new RunSimulator(Long.parseLong(args[0]), Long.parseLong(args[1]),
				Long.parseLong(args[2]), null);
		System.out.println("SIMULATOR " + simulator.baseUrl());
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
