package io.github.skyvernstarter.test.example;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts the invoice workflow for an account and keeps the invoice its webhook reports.
 */
@Service
class InvoiceService {

	private final SkyvernWorkflowOperations skyvern;

	private final Map<String, Invoice> invoices = new ConcurrentHashMap<>();

	InvoiceService(SkyvernWorkflowOperations skyvern) {
		this.skyvern = skyvern;
	}

	String requestInvoice(String account) {
		return this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").parameter("account", account).build())
			.runId();
	}

	@EventListener
	void onRunFinished(SkyvernRunFinishedEvent event) {
		SkyvernRun run = event.getRun();
		Invoice invoice = run.outputAs(Invoice.class);
		if (run.status().equals(RunStatus.COMPLETED) && invoice != null) {
			this.invoices.put(run.runId(), invoice);
		}
	}

	@Nullable Invoice invoice(String runId) {
		return this.invoices.get(runId);
	}

	record Invoice(BigDecimal total) {

	}

}
