package io.github.skyvernstarter.model;

import java.util.List;

/**
 * Checks the run queries share.
 */
final class QueryChecks {

	private QueryChecks() {
	}

	static String notBlank(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		return value;
	}

	/** A term of a {@code tags} filter: not blank, no comma (which would split it in two). */
	static String term(String term) {
		notBlank(term, "Run tag filter");
		if (term.indexOf(',') >= 0) {
			throw new IllegalArgumentException("Run tag filter '" + term + "' must not contain a comma");
		}
		return term;
	}

	static void tags(List<String> terms) {
		if (terms.size() > RunTags.MAX_ENTRIES) {
			throw new IllegalArgumentException("A run query filters on at most " + RunTags.MAX_ENTRIES + " tag terms");
		}
		terms.forEach(QueryChecks::term);
	}

}
