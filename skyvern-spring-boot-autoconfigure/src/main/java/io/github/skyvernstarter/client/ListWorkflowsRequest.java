package io.github.skyvernstarter.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which workflows {@code GET /v1/agents} lists: one page of the latest version of each, most recently
 * saved first. Immutable; each {@code with} method returns a copy.
 *
 * @param page the page, from 1
 * @param pageSize workflows per page, at least 1
 * @param searchKey text searched in titles, folder names and parameter metadata, or {@code null}
 * @param folderId only workflows in this folder, or {@code null}
 * @param statuses only workflows with these statuses; empty for Skyvern's default ({@code published}
 * and {@code draft})
 * @since 0.1.0
 */
public record ListWorkflowsRequest(int page, int pageSize, @Nullable String searchKey, @Nullable String folderId,
		List<String> statuses) {

	/**
	 * Create a request.
	 * @param page the page, from 1
	 * @param pageSize workflows per page, at least 1
	 * @param searchKey text searched, or {@code null}
	 * @param folderId only workflows in this folder, or {@code null}
	 * @param statuses only workflows with these statuses
	 * @throws IllegalArgumentException if the page or the page size is below 1
	 */
	public ListWorkflowsRequest {
		if (page < 1) {
			throw new IllegalArgumentException("page must be at least 1");
		}
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be at least 1");
		}
		statuses = (statuses != null) ? List.copyOf(statuses) : List.of();
	}

	/**
	 * Return the request for the first page of 10, Skyvern's default.
	 * @return the request
	 */
	public static ListWorkflowsRequest firstPage() {
		return new ListWorkflowsRequest(1, 10, null, null, List.of());
	}

	/**
	 * Return a copy for the given page.
	 * @param page the page, from 1
	 * @param pageSize workflows per page
	 * @return the copy
	 */
	public ListWorkflowsRequest withPage(int page, int pageSize) {
		return new ListWorkflowsRequest(page, pageSize, this.searchKey, this.folderId, this.statuses);
	}

	/**
	 * Return a copy that searches titles, folder names and parameter metadata.
	 * @param searchKey the text searched
	 * @return the copy
	 */
	public ListWorkflowsRequest withSearchKey(@Nullable String searchKey) {
		return new ListWorkflowsRequest(this.page, this.pageSize, searchKey, this.folderId, this.statuses);
	}

	/**
	 * Return a copy that lists only the given folder.
	 * @param folderId the folder
	 * @return the copy
	 */
	public ListWorkflowsRequest withFolderId(@Nullable String folderId) {
		return new ListWorkflowsRequest(this.page, this.pageSize, this.searchKey, folderId, this.statuses);
	}

	/**
	 * Return a copy that lists only workflows with the given statuses.
	 * @param statuses for example {@code published}, {@code draft}, {@code auto_generated}
	 * @return the copy
	 */
	public ListWorkflowsRequest withStatuses(String... statuses) {
		return new ListWorkflowsRequest(this.page, this.pageSize, this.searchKey, this.folderId, List.of(statuses));
	}

}
