package io.github.skyvernstarter.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.skyvernstarter.docs.ConfigurationTableCheck.Property;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata ({@code META-INF/spring-configuration-metadata.json}) that this
 * project's modules generate, as found on the class path: the autoconfigure module's, and that of
 * any other module of the project this module depends on (a module that adds properties is added
 * to this module's dependencies).
 */
final class ConfigurationMetadata {

	static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	private ConfigurationMetadata() {
	}

	/**
	 * Return the project's properties by name, with their defaults and descriptions.
	 * @throws IllegalStateException if no metadata of the project is on the class path
	 */
	static Map<String, Property> properties() {
		List<URL> sources = projectSources();
		if (sources.isEmpty()) {
			throw new IllegalStateException("No " + LOCATION + " of skyvern-spring-boot-autoconfigure on the class path");
		}
		Map<String, Property> properties = new TreeMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL source : sources) {
			try (InputStream in = source.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					properties.put(property.path("name").asString(),
							new Property(text(property.get("defaultValue")), text(property.get("description"))));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return properties;
	}

	static List<URL> projectSources() {
		try {
			List<URL> sources = new ArrayList<>();
			for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(LOCATION))) {
				if (url.toString().contains("skyvern-spring-boot")) {
					sources.add(url);
				}
			}
			return sources;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return String.join(",", items);
		}
		return value.asString();
	}

}
