package io.github.skyvernstarter.model;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.skyvernstarter.model.JsonObjectScanner.Member;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a Skyvern run-finished webhook, read leniently: a signed delivery must not be lost
 * because one of its fields is odd, since Skyvern does not deliver a rejected body again.
 * <p>
 * {@link #parse} insists only on what identifies the delivery: a JSON object whose {@code run_id}
 * (or, from older servers, {@code workflow_run_id}) is a JSON string of at most
 * {@value #MAX_RUN_ID_LENGTH} letters, digits, {@code _} or {@code -}, and whose {@code status} is a
 * non-blank JSON string. Numbers and booleans are not taken for ids. The status is trimmed and
 * lower-cased. {@link #readRun} then reads the rest; a field that cannot be read (wrong JSON type,
 * bad timestamp, number out of range, nesting deeper than {@value SkyvernJson#MAX_NESTING_DEPTH}
 * levels) is left out of the run, which then has its default ({@code null}, or {@code false} for
 * {@code recording_archived}), and is named in {@link ParsedRun#unreadableFields()}.
 * <p>
 * This is deliberately not how API answers are read: there a malformed answer is an error.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookBody {

	/** The longest run id accepted; Skyvern's ids ({@code wr_...}, {@code tsk_v2_...}) are about 25 characters. */
	public static final int MAX_RUN_ID_LENGTH = 128;

	private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_RUN_ID_LENGTH + "}");

	// A character needs at most six bytes in JSON (\\uXXXX): longer strings are rejected undecoded.
	private static final int MAX_RUN_ID_BYTES = MAX_RUN_ID_LENGTH * 6 + 2;

	private static final List<String> OTHER_FIELDS = otherFields();

	/** The members {@link #parse} reads; the rest of the body is read when the run is. */
	private static final List<String> IDENTIFYING_FIELDS = List.of("run_id", "workflow_run_id", "status");

	// Built once: the mapper's readValue looks up the type and its deserializer on every call.
	private static final ObjectReader RUN_READER = SkyvernJson.mapper().readerFor(SkyvernRun.class);

	private final byte[] json;

	private final String runId;

	private final RunStatus status;

	private SkyvernWebhookBody(byte[] json, String runId, RunStatus status) {
		this.json = json;
		this.runId = runId;
		this.status = status;
	}

	/**
	 * Read what identifies a delivery: its run id and status.
	 * @param json the request body exactly as received; not copied, so not to be changed
	 * @return the body
	 * @throws IllegalArgumentException if the body is not a run; the message never quotes the body
	 */
	public static SkyvernWebhookBody parse(byte[] json) {
		Map<String, Member> members = JsonObjectScanner.scan(json, IDENTIFYING_FIELDS);
		if (members == null) {
			throw new IllegalArgumentException("the body is not a JSON object");
		}
		Member runId = members.get("run_id");
		if (runId == null || runId.isNull()) {
			// Older workflow webhooks name the run only "workflow_run_id".
			runId = members.get("workflow_run_id");
		}
		if (runId == null || !runId.isString()) {
			throw new IllegalArgumentException("run_id is missing or not a JSON string");
		}
		String id = (runId.length() <= MAX_RUN_ID_BYTES) ? string(json, runId, "run_id") : "";
		if (!RUN_ID.matcher(id).matches()) {
			throw new IllegalArgumentException(
					"run_id is not 1 to " + MAX_RUN_ID_LENGTH + " letters, digits, '_' or '-'");
		}
		Member status = members.get("status");
		if (status == null || !status.isString()) {
			throw new IllegalArgumentException("status is missing or not a JSON string");
		}
		String normalized = string(json, status, "status").strip().toLowerCase(Locale.ROOT);
		if (normalized.isEmpty()) {
			throw new IllegalArgumentException("status is blank");
		}
		return new SkyvernWebhookBody(json, id, RunStatus.of(normalized));
	}

	private static String string(byte[] json, Member member, String field) {
		try {
			return member.decodeString(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(field + " is not a valid JSON string");
		}
	}

	/**
	 * Return the run id.
	 * @return the run id, checked as {@link #parse} describes
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * Return the status, trimmed and lower-cased; it may be one this library does not know.
	 * @return the status
	 */
	public RunStatus status() {
		return this.status;
	}

	/**
	 * Read the run, leaving out the fields that cannot be read.
	 * @return the run and the fields left out
	 */
	public ParsedRun readRun() {
		SkyvernRun run = readWhole();
		if (run != null) {
			return new ParsedRun(run, Map.of());
		}
		// Every member this time: the body was scanned for the identifying ones only.
		Map<String, Member> all = Objects.requireNonNull(JsonObjectScanner.scan(this.json));
		return new FieldByField(this.json, all, this.runId, this.status).read();
	}

	private @Nullable SkyvernRun readWhole() {
		try {
			// One pass straight into the record, as every normal body goes: a tree first would copy a
			// multi-megabyte output twice.
			SkyvernRun run = RUN_READER.readValue(this.json);
			return (run.runId().equals(this.runId) && run.status().equals(this.status)) ? run : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

	static String reason(JacksonException ex) {
		// Described by kind: Jackson's messages quote the value, and the value is the run's data.
		if (ex instanceof StreamConstraintsException) {
			return "beyond the parser's limits";
		}
		if (ex instanceof InputCoercionException) {
			return "a number out of range";
		}
		if (ex instanceof InvalidFormatException) {
			return "a value in the wrong format";
		}
		if (ex instanceof MismatchedInputException) {
			return "a value of the wrong JSON type";
		}
		if (ex instanceof StreamReadException) {
			return "not valid JSON";
		}
		return "unreadable (" + ex.getClass().getSimpleName() + ")";
	}

	private static List<String> otherFields() {
		return Arrays.stream(SkyvernRun.class.getRecordComponents())
			.map(RecordComponent::getName)
			.map((name) -> name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
			.filter((name) -> !name.equals("run_id") && !name.equals("status"))
			.toList();
	}

	/**
	 * A run read from a webhook body, and the fields that could not be read.
	 *
	 * @param run the run; the unreadable fields have their defaults
	 * @param unreadableFields the unreadable fields by their JSON name, each with why, in a few
	 * words that never quote the body
	 */
	public record ParsedRun(SkyvernRun run, Map<String, String> unreadableFields) {

		/**
		 * Create a result, copying the unreadable fields.
		 * @param run the run; the unreadable fields have their defaults
		 * @param unreadableFields the unreadable fields by their JSON name, each with why, in a few
		 * words that never quote the body
		 */
		public ParsedRun {
			unreadableFields = Collections.unmodifiableMap(new LinkedHashMap<>(unreadableFields));
		}

	}

	/**
	 * Reads a body whose whole did not fit the run: each field on its own, dropping the ones that do
	 * not fit.
	 */
	private record FieldByField(byte[] json, Map<String, Member> members, String runId, RunStatus status) {

		ParsedRun read() {
			Map<String, String> unreadable = new LinkedHashMap<>();
			ObjectNode root = SkyvernJson.mapper().createObjectNode();
			for (String field : OTHER_FIELDS) {
				Member member = this.members.get(field);
				if (member == null) {
					continue;
				}
				if (member.depth() > SkyvernJson.MAX_NESTING_DEPTH) {
					// Not even parsed: the tree alone would cost about 100 bytes per level.
					unreadable.put(field, "nested deeper than " + SkyvernJson.MAX_NESTING_DEPTH + " levels");
					continue;
				}
				try {
					root.set(field, SkyvernJson.mapper().readTree(this.json, member.start(), member.length()));
				}
				catch (JacksonException ex) {
					unreadable.put(field, reason(ex));
				}
			}
			root.put("run_id", this.runId);
			root.put("status", this.status.value());
			return new ParsedRun(convert(root, unreadable), unreadable);
		}

		private SkyvernRun convert(ObjectNode root, Map<String, String> unreadable) {
			// Each failure names its field in the exception's path; without it, the field goes and
			// the rest is tried again. At most one round per field.
			while (true) {
				try {
					return SkyvernJson.convert(root, SkyvernRun.class);
				}
				catch (JacksonException ex) {
					String field = ex.getPath().isEmpty() ? null : ex.getPath().get(0).getPropertyName();
					if (field == null || !OTHER_FIELDS.contains(field) || !root.has(field)) {
						return identityOnly(root, unreadable);
					}
					root.remove(field);
					unreadable.put(field, reason(ex));
				}
			}
		}

		private SkyvernRun identityOnly(ObjectNode root, Map<String, String> unreadable) {
			root.propertyNames()
				.stream()
				.filter(OTHER_FIELDS::contains)
				.forEach((field) -> unreadable.putIfAbsent(field, "unreadable"));
			ObjectNode identity = SkyvernJson.mapper().createObjectNode();
			identity.put("run_id", this.runId);
			identity.put("status", this.status.value());
			return SkyvernJson.convert(identity, SkyvernRun.class);
		}

	}

}
