package io.github.skyvernstarter.sample;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The sample application: a Spring MVC service that starts Skyvern workflows and records their
 * run-finished webhooks.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
@EnableSkyvernWebhooks
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
