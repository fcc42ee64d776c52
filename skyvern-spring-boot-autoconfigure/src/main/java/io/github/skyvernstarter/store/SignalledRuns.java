package io.github.skyvernstarter.store;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Writes a finished run as the JSON that {@link SkyvernRunFinishedSignals} keep in the store, so that
 * a wait on another instance gets the run without asking Skyvern, and reads it back; a run larger
 * than {@value #MAX_JSON_LENGTH} characters is not kept, and its waits read it from Skyvern once.
 *
 * @since 0.1.0
 */
public final class SignalledRuns {

	/** The longest run JSON kept in the store. */
	public static final int MAX_JSON_LENGTH = 1_000_000;

	private SignalledRuns() {
	}

	/**
	 * Return a run as JSON, or {@code null} when it is too large to keep.
	 * @param run the run
	 * @return the JSON, or {@code null}
	 */
	public static @Nullable String toJson(SkyvernRun run) {
		String json = SkyvernJson.mapper().writeValueAsString(run);
		return (json.length() <= MAX_JSON_LENGTH) ? json : null;
	}

	/**
	 * Read a run written by {@link #toJson}, or return {@code null} when there is none or it cannot be
	 * read (it is then read from Skyvern).
	 * @param json the JSON, or {@code null} or empty
	 * @return the run, or {@code null}
	 */
	public static @Nullable SkyvernRun fromJson(@Nullable String json) {
		if (json == null || json.isEmpty() || json.length() > MAX_JSON_LENGTH) {
			return null;
		}
		try {
			SkyvernRun run = SkyvernJson.mapper().readValue(json, SkyvernRun.class);
			return (run != null && run.isFinal()) ? run : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

}
