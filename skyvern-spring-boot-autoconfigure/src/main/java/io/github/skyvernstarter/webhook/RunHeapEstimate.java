package io.github.skyvernstarter.webhook;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Estimates the heap a parsed run holds, generously: its body size is a poor measure, because a
 * JSON tree takes from about 3 times its text (long strings) to over 30 times (small objects).
 */
final class RunHeapEstimate {

	// Measured with Jackson 3 on a 64-bit JVM with compressed references: an empty ObjectNode with
	// its map and its slot in the parent is about 95 bytes, an IntNode in an array about 25.
	static final int BYTES_PER_NODE = 120;

	static final int BYTES_PER_RUN = 4096;

	private RunHeapEstimate() {
	}

	static long of(SkyvernRun run) {
		long bytes = BYTES_PER_RUN + run.runId().length() + tree(run.output()) + tree(run.runRequest());
		bytes += strings(run.screenshotUrls()) + length(run.recordingUrl()) + length(run.failureReason())
				+ length(run.appUrl());
		if (run.errors() != null) {
			for (JsonNode error : run.errors()) {
				bytes += tree(error);
			}
		}
		if (run.downloadedFiles() != null) {
			bytes += run.downloadedFiles()
				.stream()
				.mapToLong((file) -> BYTES_PER_NODE + length(file.url()) + length(file.filename())
						+ length(file.checksum()) + length(file.artifactId()))
				.sum();
		}
		return bytes;
	}

	private static long tree(@Nullable JsonNode root) {
		if (root == null) {
			return 0;
		}
		long bytes = 0;
		// A stack rather than recursion: outputs may nest 2,000 levels.
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(root);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			bytes += BYTES_PER_NODE;
			if (node.isString()) {
				bytes += node.stringValue().length();
			}
			else if (node.isBigInteger()) {
				bytes += node.bigIntegerValue().bitLength() / 8;
			}
			else if (node.isBigDecimal()) {
				bytes += node.decimalValue().unscaledValue().bitLength() / 8;
			}
			else if (node.isObject()) {
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					bytes += property.getKey().length();
					pending.push(property.getValue());
				}
			}
			else if (node.isArray()) {
				node.forEach(pending::push);
			}
		}
		return bytes;
	}

	private static long strings(@Nullable List<String> values) {
		return (values != null) ? values.stream().mapToLong((value) -> BYTES_PER_NODE + value.length()).sum() : 0;
	}

	private static long length(@Nullable String value) {
		return (value != null) ? value.length() : 0;
	}

}
