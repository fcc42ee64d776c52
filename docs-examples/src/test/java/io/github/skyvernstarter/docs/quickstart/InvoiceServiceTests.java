package io.github.skyvernstarter.docs.quickstart;

import java.util.Map;

import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSkyvernStub
class InvoiceServiceTests {

	@Autowired
	private InvoiceService invoices;

	@Autowired
	private SkyvernStub skyvern;

	@Test
	void fetchesTheInvoiceOnceTheRunFinished() {
		this.skyvern.stubWorkflow("wpid_invoice").completesWith(Map.of("total", 42.50));
		assertThat(this.invoices.fetchInvoice("acct-1").total()).isEqualByComparingTo("42.50");
		this.skyvern.assertRunStarted("wpid_invoice").hasParameter("account", "acct-1");
	}

	@Test
	void startsTheInvoiceWorkflowAndHandlesItsWebhook() {
		this.skyvern.stubWorkflow("wpid_invoice").completesWith(Map.of("total", 42.50));
		String runId = this.invoices.requestInvoice("acct-1");
		this.skyvern.assertRunStarted("wpid_invoice").hasParameter("account", "acct-1");
		this.skyvern.deliverRunFinished(runId);
		assertThat(this.invoices.invoice(runId).total()).isEqualByComparingTo("42.50");
	}

}
