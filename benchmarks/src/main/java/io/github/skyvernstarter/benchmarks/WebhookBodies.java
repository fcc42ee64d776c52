package io.github.skyvernstarter.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Run-finished webhook bodies shaped like Skyvern's (the run object plus its legacy keys), split into
 * a fixed prefix and a short tail that carries the run id, so that every delivery is a new run for
 * the receiver's idempotency while the sender signs only the tail.
 */
final class WebhookBodies {

	private final byte[] prefix;

	WebhookBodies(int targetBytes) {
		String run = CannedRuns.run("wr_placeholder", "completed", true);
		// Drop the closing brace and run_id: the tail adds run_id last.
		String base = run.substring(0, run.length() - 1).replace("\"run_id\":\"wr_placeholder\",", "")
				+ ",\"workflow_id\":\"wpid_bench\",\"workflow_title\":\"Fetch invoice\",\"total_steps\":7"
				+ ",\"outputs\":{\"extract\":{\"pages_visited\":4}}";
		int padding = Math.max(0, targetBytes - base.length() - 60);
		StringBuilder prefix = new StringBuilder(base);
		if (padding > 0) {
			// A large output, as an extraction of a long page gives.
			prefix.append(",\"page_text\":\"");
			for (int i = 0; i < padding; i++) {
				prefix.append((char) ('a' + (i % 26)));
			}
			prefix.append('"');
		}
		prefix.append(",\"run_id\":\"");
		this.prefix = prefix.toString().getBytes(StandardCharsets.UTF_8);
	}

	byte[] prefix() {
		return this.prefix;
	}

	byte[] tail(String runId) {
		return (runId + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	int size(String runId) {
		return this.prefix.length + tail(runId).length;
	}

}
