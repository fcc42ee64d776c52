package io.github.skyvernstarter.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Random JSON values that a schema of Skyvern's OpenAPI document accepts: every answer the spec allows
 * must parse, so the parsing tests feed many of them (seeded, so a failure repeats). Optional
 * properties, nulls, extra properties, naive and offset timestamps and odd strings all come up; deep
 * recursion is cut by preferring the shortest branch below a depth.
 */
final class SpecRandomJson {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int DEEP = 5;

	private static final String[] STRINGS = { "", "x", "Café – 東京", "wr_1", "<b>\"quoted\"</b>", "\u0000\u001f",
			"a".repeat(300) };

	/**
	 * Workflow blocks: a deep {@code oneOf} of some forty block schemas that the model keeps as plain
	 * JSON, so any value parses; generated empty to keep the samples valid and small.
	 */
	private static final Set<String> EMPTY_ARRAYS = Set.of("blocks", "loop_blocks", "finally_blocks");

	private final JsonNode document;

	private final Random random;

	SpecRandomJson(JsonNode document, long seed) {
		this.document = document;
		this.random = new Random(seed);
	}

	JsonNode component(String name) {
		return value(this.document.at("/components/schemas/" + name), 0);
	}

	JsonNode arrayOf(String name) {
		ArrayNode array = NODES.arrayNode();
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			array.add(component(name));
		}
		return array;
	}

	private JsonNode value(JsonNode schema, int depth) {
		if (schema.has("$ref")) {
			return value(this.document.at(schema.get("$ref").asText().substring(1)), depth + 1);
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		if (schema.has("enum")) {
			return pick(schema.get("enum"));
		}
		for (String choice : List.of("anyOf", "oneOf")) {
			if (schema.has(choice)) {
				return value(choose(schema.get(choice), depth), depth + 1);
			}
		}
		if (schema.has("allOf")) {
			return value(schema.get("allOf").get(0), depth + 1);
		}
		JsonNode type = schema.get("type");
		String name = (type == null) ? "any" : (type.isArray() ? pick(type).asText() : type.asText());
		return switch (name) {
			case "string" -> string(schema);
			case "integer" -> NODES.numberNode(integer(schema));
			case "number" -> NODES.numberNode(this.random.nextBoolean() ? this.random.nextDouble() * 1000 : 3.0);
			case "boolean" -> NODES.booleanNode(this.random.nextBoolean());
			case "null" -> NODES.nullNode();
			case "array" -> array(schema, depth);
			case "object" -> object(schema, depth);
			default -> anyValue(depth);
		};
	}

	private JsonNode choose(JsonNode branches, int depth) {
		if (depth < DEEP) {
			return pick(branches);
		}
		// Deep down, the cheapest branch: null, then a scalar, then anything.
		JsonNode best = branches.get(0);
		for (JsonNode branch : branches) {
			if ("null".equals(branch.path("type").asText())) {
				return branch;
			}
			if (!branch.has("$ref") && !"object".equals(branch.path("type").asText())
					&& !"array".equals(branch.path("type").asText())) {
				best = branch;
			}
		}
		return best;
	}

	private JsonNode string(JsonNode schema) {
		if ("date-time".equals(schema.path("format").asText())) {
			LocalDateTime time = LocalDateTime.ofEpochSecond(1_700_000_000L + this.random.nextInt(100_000_000),
					this.random.nextInt(1_000_000) * 1000, ZoneOffset.UTC);
			return NODES.textNode(this.random.nextBoolean() ? time.toString() : time.toInstant(ZoneOffset.UTC).toString());
		}
		if (this.random.nextInt(4) == 0) {
			return NODES.textNode(Instant.ofEpochSecond(1_700_000_000L).toString());
		}
		return NODES.textNode(STRINGS[this.random.nextInt(STRINGS.length)] + this.random.nextInt(1000));
	}

	private long integer(JsonNode schema) {
		long min = schema.has("minimum") ? schema.get("minimum").asLong() : -5;
		long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 10_000;
		return min + (long) (this.random.nextDouble() * (max - min + 1));
	}

	private JsonNode array(JsonNode schema, int depth) {
		ArrayNode array = NODES.arrayNode();
		int min = schema.path("minItems").asInt(0);
		int max = Math.min(schema.path("maxItems").asInt(3), (depth < DEEP) ? 3 : min);
		int size = min + ((max > min) ? this.random.nextInt(max - min + 1) : 0);
		JsonNode items = schema.path("items");
		for (int i = 0; i < size; i++) {
			array.add(items.isMissingNode() ? anyValue(depth + 1) : value(items, depth + 1));
		}
		return array;
	}

	private JsonNode object(JsonNode schema, int depth) {
		ObjectNode object = NODES.objectNode();
		Set<String> required = new HashSet<>();
		schema.path("required").forEach((name) -> required.add(name.asText()));
		Iterator<String> names = schema.path("properties").fieldNames();
		while (names.hasNext()) {
			String name = names.next();
			if (EMPTY_ARRAYS.contains(name)) {
				object.set(name, NODES.arrayNode());
			}
			else if (required.contains(name) || (depth < DEEP && this.random.nextInt(3) > 0)) {
				object.set(name, value(schema.get("properties").get(name), depth + 1));
			}
		}
		JsonNode additional = schema.get("additionalProperties");
		if (depth < DEEP && !(additional != null && additional.isBoolean() && !additional.asBoolean())
				&& this.random.nextInt(3) == 0) {
			object.set("extra_" + this.random.nextInt(100), (additional != null && additional.isObject())
					? value(additional, depth + 1) : anyValue(depth + 1));
		}
		return object;
	}

	private JsonNode anyValue(int depth) {
		return switch (this.random.nextInt((depth < DEEP) ? 6 : 4)) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.textNode("any" + this.random.nextInt(10));
			case 2 -> NODES.numberNode(this.random.nextInt());
			case 3 -> NODES.booleanNode(this.random.nextBoolean());
			case 4 -> NODES.arrayNode().add(anyValue(depth + 1));
			default -> NODES.objectNode().set("k", anyValue(depth + 1));
		};
	}

	private JsonNode pick(JsonNode array) {
		List<JsonNode> values = new ArrayList<>();
		array.forEach(values::add);
		return values.get(this.random.nextInt(values.size()));
	}

}
