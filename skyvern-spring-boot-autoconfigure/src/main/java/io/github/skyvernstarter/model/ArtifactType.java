package io.github.skyvernstarter.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kind of a run artifact; values added by newer servers are kept as they are.
 *
 * @param value the type as Skyvern writes it, for example {@code download}
 * @since 0.1.0
 */
public record ArtifactType(String value) {

	/** A file the run downloaded. */
	public static final ArtifactType DOWNLOAD = new ArtifactType("download");

	/** The browser recording. */
	public static final ArtifactType RECORDING = new ArtifactType("recording");

	/** A screenshot taken during the run. */
	public static final ArtifactType SCREENSHOT = new ArtifactType("screenshot");

	/** The screenshot taken when the run finished. */
	public static final ArtifactType SCREENSHOT_FINAL = new ArtifactType("screenshot_final");

	/** The browser's network log. */
	public static final ArtifactType HAR = new ArtifactType("har");

	/** The browser console log. */
	public static final ArtifactType BROWSER_CONSOLE_LOG = new ArtifactType("browser_console_log");

	/** Skyvern's own log of the run. */
	public static final ArtifactType SKYVERN_LOG = new ArtifactType("skyvern_log");

	/** A PDF the run produced. */
	public static final ArtifactType PDF = new ArtifactType("pdf");

	/** A page's HTML. */
	public static final ArtifactType HTML = new ArtifactType("html");

	/**
	 * Create a type.
	 * @param value the type as Skyvern writes it
	 * @throws IllegalArgumentException if the value is blank
	 */
	public ArtifactType {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Artifact type must not be blank");
		}
	}

	/**
	 * Return the type for the given wire value, in lower case as Skyvern writes it.
	 * @param value the type, for example {@code download}
	 * @return the type
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ArtifactType of(String value) {
		return new ArtifactType(value.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the type as Skyvern writes it.
	 * @return the wire value
	 */
	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
