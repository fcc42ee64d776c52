package io.github.skyvernstarter.docs.quickstart;

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

@Service
class InvoiceService {

	private final SkyvernWorkflowOperations skyvern;

	private final Map<String, Invoice> invoices = new ConcurrentHashMap<>();

	InvoiceService(SkyvernWorkflowOperations skyvern) {
		this.skyvern = skyvern;
	}

	// Start the run and wait for its output.
	Invoice fetchInvoice(String account) {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoice")
			.parameter("account", account)
			.waitForCompletion()
			.build());
		Invoice invoice = run.outputAs(Invoice.class);
		if (!run.status().equals(RunStatus.COMPLETED) || invoice == null) {
			throw new IllegalStateException("Invoice run " + run.runId() + " ended " + run.status());
		}
		return invoice;
	}

	// Or start it, return at once, and take the output from its run-finished webhook.
	String requestInvoice(String account) {
		return this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoice").parameter("account", account).build())
			.runId();
	}

	// tag::listener[]
	@EventListener
	void onRunFinished(SkyvernRunFinishedEvent event) {
		SkyvernRun run = event.getRun(); // the same type the templates return
		Invoice invoice = run.outputAs(Invoice.class);
		if (run.status().equals(RunStatus.COMPLETED) && invoice != null) {
			this.invoices.put(run.runId(), invoice);
		}
	}
	// end::listener[]

	@Nullable Invoice invoice(String runId) {
		return this.invoices.get(runId);
	}

	record Invoice(BigDecimal total) {

	}

}
