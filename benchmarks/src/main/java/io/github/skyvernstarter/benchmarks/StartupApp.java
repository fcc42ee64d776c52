package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 5: a small Spring MVC application shaped like the sample app (Tomcat on an ephemeral
 * port, Actuator, {@code @EnableSkyvernWebhooks}, a controller that uses the template) but able to
 * start without the template, started once per JVM, with or without the starter's
 * auto-configurations excluded by {@code spring.autoconfigure.exclude}.
 * <p>
 * The sample app itself cannot be measured that way: its controller and demo run require the
 * template, so it does not start with the auto-configuration excluded.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableSkyvernWebhooks
@Import(StartupApp.InvoiceController.class)
public class StartupApp {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * Start the application once and record how long it took.
	 * @param args result file, {@code with} or {@code without} the starter's auto-configuration
	 */
	public static void main(String[] args) {
		Path resultFile = Path.of(args[0]);
		boolean withStarter = args[1].equals("with");
		SpringApplication application = new SpringApplication(StartupApp.class);
		Properties defaults = new Properties();
		defaults.setProperty("server.port", "0");
		defaults.setProperty("spring.main.banner-mode", "off");
		defaults.setProperty("logging.level.root", "WARN");
		defaults.setProperty("skyvern.api-key", ClientApp.API_KEY);
		defaults.setProperty("skyvern.base-url", "http://127.0.0.1:9");
		if (!withStarter) {
			defaults.setProperty("spring.autoconfigure.exclude", String.join(",", starterAutoConfigurations()));
		}
		application.setDefaultProperties(defaults);
		long start = System.nanoTime();
		long beans;
		boolean templatePresent;
		try (ConfigurableApplicationContext context = application.run()) {
			long startedNanos = System.nanoTime() - start;
			long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
			beans = context.getBeanDefinitionCount();
			templatePresent = context.getBeanNamesForType(SkyvernWorkflowTemplate.class).length > 0;
			Properties figures = new Properties();
			figures.setProperty("startMillis", Double.toString(startedNanos / 1e6));
			figures.setProperty("uptimeAtReadyMillis", Long.toString(uptime));
			figures.setProperty("beans", Long.toString(beans));
			figures.setProperty("templatePresent", Boolean.toString(templatePresent));
			figures.setProperty("excluded", withStarter ? "" : String.join(",", starterAutoConfigurations()));
			Results.write(resultFile, figures);
		}
	}

	/**
	 * Read the starter's auto-configurations from its imports file, so that new ones are excluded too.
	 */
	static List<String> starterAutoConfigurations() {
		List<String> names = new ArrayList<>();
		try {
			Enumeration<URL> files = StartupApp.class.getClassLoader().getResources(IMPORTS);
			while (files.hasMoreElements()) {
				try (InputStream in = files.nextElement().openStream()) {
					for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
						String name = line.strip();
						if (name.startsWith("io.github.skyvernstarter.")) {
							names.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	@RestController
	static class InvoiceController {

		private final ObjectProvider<SkyvernWorkflowTemplate> skyvern;

		InvoiceController(ObjectProvider<SkyvernWorkflowTemplate> skyvern) {
			this.skyvern = skyvern;
		}

		@GetMapping("/skyvern-available")
		boolean skyvernAvailable() {
			return this.skyvern.getIfAvailable() != null;
		}

	}

}
