package io.github.skyvernstarter.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A non-web Spring Boot application with the starter's auto-configuration, as an application that
 * calls Skyvern would have it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ClientApp {

	static final String API_KEY = "sk-bench-not-a-real-key";

	static ConfigurableApplicationContext start(String baseUrl, Map<String, Object> properties, Class<?>... extra) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("skyvern.base-url", baseUrl);
		all.put("skyvern.api-key", API_KEY);
		all.put("spring.main.banner-mode", "off");
		all.put("logging.level.root", "WARN");
		all.putAll(properties);
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = ClientApp.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).properties(all).run();
	}

}
