package io.github.skyvernstarter.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One page of a run listing, newest run first. Skyvern sends no total and no cursor: a page with fewer
 * items than its size is the last.
 *
 * @param <T> the kind of item: {@link RunSummary} or {@link WorkflowRunSummary}
 * @param page the page number, from 1
 * @param pageSize the page size asked for
 * @param items the runs on this page
 * @since 0.1.0
 */
public record RunPage<T>(int page, int pageSize, List<T> items) {

	/**
	 * Create a page, copying its items.
	 * @param page the page number, from 1
	 * @param pageSize the page size asked for
	 * @param items the runs on this page
	 * @throws IllegalArgumentException if the page or size is not positive
	 */
	public RunPage {
		if (page < 1 || pageSize < 1) {
			throw new IllegalArgumentException("Page and page size must be positive");
		}
		items = List.copyOf(items);
	}

	/**
	 * Whether no page follows this one: it holds fewer items than its size.
	 * @return {@code true} for the last page
	 */
	@JsonIgnore
	public boolean isLast() {
		return this.items.size() < this.pageSize;
	}

}
