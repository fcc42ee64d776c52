package io.github.skyvernstarter.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Skyvern's answer to a bulk cancel: which runs it cancelled and which it could not (unknown ids,
 * finished tasks). A finished workflow run counts as cancelled: it keeps its status and its webhook is
 * sent again.
 *
 * @param cancelled the runs cancelled
 * @param failed the runs not cancelled
 * @since 0.1.0
 */
public record CancelRunsResult(List<String> cancelled, List<String> failed) {

	/**
	 * Create a result; a missing list is empty.
	 * @param cancelled the runs cancelled
	 * @param failed the runs not cancelled
	 */
	public CancelRunsResult {
		cancelled = (cancelled != null) ? List.copyOf(cancelled) : List.of();
		failed = (failed != null) ? List.copyOf(failed) : List.of();
	}

	/**
	 * Whether every run asked for was cancelled.
	 * @return {@code true} if none failed
	 */
	@JsonIgnore
	public boolean allCancelled() {
		return this.failed.isEmpty();
	}

}
