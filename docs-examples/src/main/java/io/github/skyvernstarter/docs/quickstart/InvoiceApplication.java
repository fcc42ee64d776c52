package io.github.skyvernstarter.docs.quickstart;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@EnableSkyvernWebhooks
class InvoiceApplication {

}
