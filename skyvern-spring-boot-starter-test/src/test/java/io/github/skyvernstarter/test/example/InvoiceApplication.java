package io.github.skyvernstarter.test.example;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the README's test example: a service that starts a workflow and handles its
 * run-finished webhook.
 */
@SpringBootApplication
@EnableSkyvernWebhooks
class InvoiceApplication {

}
