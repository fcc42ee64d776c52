package io.github.skyvernstarter.model;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Filters of {@code GET /v1/runs}, the run history of the whole organization (task runs and top-level
 * workflow runs), and its page size. Build one with {@link #builder()}; no filter lists every run.
 * <p>
 * Filters of different kinds all apply; several values of one kind match any of them, except tags,
 * which match all of their keys (see {@link RunTags}).
 *
 * @param statuses only runs in one of these statuses
 * @param runTypes only runs of one of these kinds
 * @param workflowIds only runs of one of these workflows ({@code wpid_...}, at most 50)
 * @param tags only runs whose tags match these terms (at most 20)
 * @param searchKey only runs whose title, URL, ids or parameter values contain this text (at least 3
 * characters), or {@code null}
 * @param pageSize runs per page, 1 to 100
 * @since 0.1.0
 */
public record RunQuery(List<RunStatus> statuses, List<RunType> runTypes, List<String> workflowIds, List<String> tags,
		@Nullable String searchKey, int pageSize) {

	/** The largest page and page size Skyvern accepts. */
	public static final int MAX_PAGE = 100;

	/** Skyvern's default page size. */
	public static final int DEFAULT_PAGE_SIZE = 10;

	/** The most workflows one query filters on. */
	public static final int MAX_WORKFLOW_IDS = 50;

	/**
	 * Skyvern refuses (400) an offset ({@code (page - 1) * pageSize}) this large when a search key or
	 * workflow filter is set.
	 */
	public static final int MAX_FILTERED_OFFSET = 1000;

	/**
	 * Create a query, copying its lists; {@link #builder()} is the usual way.
	 * @param statuses only runs in one of these statuses
	 * @param runTypes only runs of one of these kinds
	 * @param workflowIds only runs of one of these workflows
	 * @param tags only runs whose tags match these terms
	 * @param searchKey only runs containing this text, or {@code null}
	 * @param pageSize runs per page, 1 to 100
	 * @throws IllegalArgumentException if a value is out of Skyvern's range
	 */
	public RunQuery {
		statuses = List.copyOf(statuses);
		runTypes = List.copyOf(runTypes);
		workflowIds = List.copyOf(workflowIds);
		tags = List.copyOf(tags);
		QueryChecks.tags(tags);
		if (workflowIds.size() > MAX_WORKFLOW_IDS) {
			throw new IllegalArgumentException("A run query filters on at most " + MAX_WORKFLOW_IDS + " workflows");
		}
		workflowIds.forEach((id) -> QueryChecks.notBlank(id, "Workflow id"));
		if (searchKey != null && searchKey.strip().length() < 3) {
			throw new IllegalArgumentException("Search key must have at least 3 characters");
		}
		if (pageSize < 1 || pageSize > MAX_PAGE) {
			throw new IllegalArgumentException("Page size must be between 1 and " + MAX_PAGE);
		}
	}

	/**
	 * Start building a query without filters and with Skyvern's default page size.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Check that a page of this query can be asked for: 1 to 100, and an offset below 1,000 when a
	 * search key or workflow filter is set.
	 * @param page the page number, from 1
	 * @return the page number
	 * @throws IllegalArgumentException if Skyvern would refuse the page
	 */
	public int checkPage(int page) {
		if (page < 1 || page > MAX_PAGE) {
			throw new IllegalArgumentException("Page must be between 1 and " + MAX_PAGE);
		}
		if (!isPageable(page)) {
			throw new IllegalArgumentException("Skyvern lists at most " + MAX_FILTERED_OFFSET
					+ " runs of a query with a search key or workflow filter; page " + page + " starts after them");
		}
		return page;
	}

	/**
	 * Whether Skyvern answers the given page of this query rather than refusing it.
	 * @param page the page number, from 1
	 * @return {@code true} if the page is within Skyvern's limits
	 */
	public boolean isPageable(int page) {
		boolean filtered = this.searchKey != null || !this.workflowIds.isEmpty();
		return page >= 1 && page <= MAX_PAGE
				&& (!filtered || (long) (page - 1) * this.pageSize < MAX_FILTERED_OFFSET);
	}

	/**
	 * Builder for {@link RunQuery}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final List<RunStatus> statuses = new ArrayList<>();

		private final List<RunType> runTypes = new ArrayList<>();

		private final List<String> workflowIds = new ArrayList<>();

		private final List<String> tags = new ArrayList<>();

		private @Nullable String searchKey;

		private int pageSize = DEFAULT_PAGE_SIZE;

		private Builder() {
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
		 * Only list runs of one of the given kinds (added to those already set).
		 * @param runTypes the kinds, for example {@link RunType#WORKFLOW_RUN}
		 * @return this builder
		 */
		public Builder runType(RunType... runTypes) {
			this.runTypes.addAll(List.of(runTypes));
			return this;
		}

		/**
		 * Only list runs of one of the given workflows (added to those already set).
		 * @param workflowIds the workflow ids ({@code wpid_...})
		 * @return this builder
		 */
		public Builder workflowId(String... workflowIds) {
			this.workflowIds.addAll(List.of(workflowIds));
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
		 * Only list runs whose title, URL, ids or parameter values contain this text (case-insensitive).
		 * @param searchKey the text, at least 3 characters
		 * @return this builder
		 */
		public Builder searchKey(String searchKey) {
			this.searchKey = searchKey;
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
		public RunQuery build() {
			return new RunQuery(this.statuses, this.runTypes, this.workflowIds, this.tags, this.searchKey,
					this.pageSize);
		}

	}

}
