package io.github.skyvernstarter.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * Skyvern's OpenAPI 3.1 document ({@code classpath:skyvern/openapi.json}) for contract tests: its
 * schemas as validators (as published, and closed against unknown properties) and its raw tree.
 */
final class OpenApiSpec {

	static final String LOCATION = "classpath:skyvern/openapi.json";

	static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonMetaSchema OPENAPI_DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
		.keywords(Stream.of("openapi", "info", "servers", "paths", "components", "security", "tags", "webhooks")
			.map(NonValidationKeyword::new)
			.toList())
		.build();

	private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.metaSchema(OPENAPI_DIALECT).defaultMetaSchemaIri(OPENAPI_DIALECT.getIri()));

	private static final JsonNode DOCUMENT = read();

	private OpenApiSpec() {
	}

	static JsonNode document() {
		return DOCUMENT;
	}

	/**
	 * Return the validator of a component schema, for example {@code BulkCancelRunsRequest}.
	 */
	static JsonSchema component(String name) {
		return SCHEMAS.getSchema(SchemaLocation.of(LOCATION + "#/components/schemas/" + name));
	}

	/**
	 * Return the validator of a component schema that also rejects properties it does not declare.
	 */
	static JsonSchema closedComponent(String name) {
		return SCHEMAS.getSchema(SchemaLocation.of("classpath:skyvern/closed.json"), JSON.createObjectNode()
			.put("$ref", LOCATION + "#/components/schemas/" + name)
			.put("unevaluatedProperties", false));
	}

	/**
	 * Return the validator of a schema given inline, resolving its references in the document.
	 */
	static JsonSchema inline(JsonNode schema) {
		return SCHEMAS.getSchema(SchemaLocation.of("classpath:skyvern/inline.json"),
				JSON.createObjectNode().set("allOf", JSON.createArrayNode().add(withAbsoluteRefs(schema))));
	}

	static List<String> errors(JsonSchema schema, JsonNode value) {
		List<String> errors = new ArrayList<>();
		for (ValidationMessage message : schema.validate(value)) {
			errors.add(message.getMessage());
		}
		return errors;
	}

	private static JsonNode withAbsoluteRefs(JsonNode schema) {
		String text = schema.toString().replace("\"$ref\":\"#/", "\"$ref\":\"" + LOCATION + "#/");
		try {
			return JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read() {
		try (InputStream in = OpenApiSpec.class.getClassLoader().getResourceAsStream("skyvern/openapi.json")) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
