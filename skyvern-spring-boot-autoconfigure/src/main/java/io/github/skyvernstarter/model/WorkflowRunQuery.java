package io.github.skyvernstarter.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Filters of {@code GET /v1/agents/{workflowId}/runs}, the runs of one workflow, and its page size.
 * Build one with {@link #builder(String)}; without filters it lists the workflow's top-level runs.
 * <p>
 * Filters of different kinds all apply; several statuses match any of them, tag terms match all of
 * their keys (see {@link RunTags}).
 *
 * @param workflowId the workflow ({@code wpid_...})
 * @param statuses only runs in one of these statuses
 * @param createdAtStart only runs created at or after this instant, or {@code null}
 * @param createdAtEnd only runs created before this instant, or {@code null}
 * @param tags only runs whose tags match these terms (at most 20)
 * @param includeChildRuns whether runs started from inside another workflow run are listed too
 * @param searchKey only runs whose id, parameter keys or values contain this text, or {@code null}
 * @param errorCode only runs with a task error of this {@code error_code}, or {@code null}
 * @param pageSize runs per page, 1 to 100
 * @since 0.1.0
 */
public record WorkflowRunQuery(String workflowId, List<RunStatus> statuses, @Nullable Instant createdAtStart,
		@Nullable Instant createdAtEnd, List<String> tags, boolean includeChildRuns, @Nullable String searchKey,
		@Nullable String errorCode, int pageSize) {

	/** The largest page size this client asks for (Skyvern sets no limit here). */
	public static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_TEXT = 500;

	/**
	 * Create a query, copying its lists; {@link #builder(String)} is the usual way.
	 * @param workflowId the workflow
	 * @param statuses only runs in one of these statuses
	 * @param createdAtStart only runs created at or after this instant, or {@code null}
	 * @param createdAtEnd only runs created before this instant, or {@code null}
	 * @param tags only runs whose tags match these terms
	 * @param includeChildRuns whether child runs are listed too
	 * @param searchKey only runs containing this text, or {@code null}
	 * @param errorCode only runs with a task error of this code, or {@code null}
	 * @param pageSize runs per page, 1 to 100
	 * @throws IllegalArgumentException if a value is out of Skyvern's range
	 */
	public WorkflowRunQuery {
		QueryChecks.notBlank(workflowId, "Workflow id");
		statuses = List.copyOf(statuses);
		tags = List.copyOf(tags);
		QueryChecks.tags(tags);
		if (createdAtStart != null && createdAtEnd != null && !createdAtStart.isBefore(createdAtEnd)) {
			throw new IllegalArgumentException("createdAtStart must be before createdAtEnd");
		}
		if ((searchKey != null && (searchKey.isBlank() || searchKey.length() > MAX_TEXT))
				|| (errorCode != null && (errorCode.isBlank() || errorCode.length() > MAX_TEXT))) {
			throw new IllegalArgumentException("Search key and error code must be 1 to " + MAX_TEXT + " characters");
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("Page size must be between 1 and " + MAX_PAGE_SIZE);
		}
	}

	/**
	 * Start building a query for the given workflow, without filters and with Skyvern's default page
	 * size.
	 * @param workflowId the workflow ({@code wpid_...})
	 * @return a new builder
	 */
	public static Builder builder(String workflowId) {
		return new Builder(workflowId);
	}

	/**
	 * Check a page number.
	 * @param page the page number, from 1
	 * @return the page number
	 * @throws IllegalArgumentException if it is not positive
	 */
	public int checkPage(int page) {
		if (page < 1) {
			throw new IllegalArgumentException("Page must be at least 1");
		}
		return page;
	}

	/**
	 * Builder for {@link WorkflowRunQuery}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String workflowId;

		private final List<RunStatus> statuses = new ArrayList<>();

		private @Nullable Instant createdAtStart;

		private @Nullable Instant createdAtEnd;

		private final List<String> tags = new ArrayList<>();

		private boolean includeChildRuns;

		private @Nullable String searchKey;

		private @Nullable String errorCode;

		private int pageSize = RunQuery.DEFAULT_PAGE_SIZE;

		private Builder(String workflowId) {
			this.workflowId = workflowId;
		}

		/**
		 * Only list runs in one of the given statuses (added to those already set).
		 * @param statuses the statuses
		 * @return this builder
		 */
		public Builder status(RunStatus... statuses) {
			this.statuses.addAll(List.of(statuses));
			return this;
		}

		/**
		 * Only list runs created at or after {@code start} and before {@code end}.
		 * @param start the first instant, inclusive, or {@code null} for no lower bound
		 * @param end the last instant, exclusive, or {@code null} for no upper bound
		 * @return this builder
		 */
		public Builder createdBetween(@Nullable Instant start, @Nullable Instant end) {
			this.createdAtStart = start;
			this.createdAtEnd = end;
			return this;
		}

		/**
		 * Only list runs tagged {@code key} with {@code value} (a {@code run_metadata} entry of the run
		 * start).
		 * @param key the tag key
		 * @param value the tag value
		 * @return this builder
		 * @throws IllegalArgumentException if the key or value breaks {@link RunTags}' rules
		 */
		public Builder tag(String key, String value) {
			this.tags.add(RunTags.term(key, value));
			return this;
		}

		/**
		 * Only list runs matching a tag term: {@code key:value}, {@code key:*} or a label; see
		 * {@link RunTags}.
		 * @param term the term
		 * @return this builder
		 * @throws IllegalArgumentException if the term is blank or holds a comma
		 */
		public Builder tagTerm(String term) {
			this.tags.add(QueryChecks.term(term));
			return this;
		}

		/**
		 * Set whether runs started from inside another workflow run are listed too, by default not.
		 * @param includeChildRuns whether to list child runs
		 * @return this builder
		 */
		public Builder includeChildRuns(boolean includeChildRuns) {
			this.includeChildRuns = includeChildRuns;
			return this;
		}

		/**
		 * Only list runs whose id, parameter keys or values contain this text (case-insensitive).
		 * @param searchKey the text, up to 500 characters
		 * @return this builder
		 */
		public Builder searchKey(String searchKey) {
			this.searchKey = searchKey;
			return this;
		}

		/**
		 * Only list runs with a task error of this {@code error_code} (exact match).
		 * @param errorCode the error code, up to 500 characters
		 * @return this builder
		 */
		public Builder errorCode(String errorCode) {
			this.errorCode = errorCode;
			return this;
		}

		/**
		 * Set the number of runs per page, by default 10.
		 * @param pageSize 1 to 100
		 * @return this builder
		 */
		public Builder pageSize(int pageSize) {
			this.pageSize = pageSize;
			return this;
		}

		/**
		 * Build the query.
		 * @return the query
		 * @throws IllegalArgumentException if a value is out of Skyvern's range
		 */
		public WorkflowRunQuery build() {
			return new WorkflowRunQuery(this.workflowId, this.statuses, this.createdAtStart, this.createdAtEnd,
					this.tags, this.includeChildRuns, this.searchKey, this.errorCode, this.pageSize);
		}

	}

}
