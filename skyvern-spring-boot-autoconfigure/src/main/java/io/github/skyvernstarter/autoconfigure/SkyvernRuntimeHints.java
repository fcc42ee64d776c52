package io.github.skyvernstarter.autoconfigure;

import java.util.List;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernLenientRunStatusDeserializer;
import io.github.skyvernstarter.model.SkyvernLenientRunTypeDeserializer;
import io.github.skyvernstarter.model.SkyvernLenientTimestampDeserializer;
import io.github.skyvernstarter.model.TimelineBlock;
import io.github.skyvernstarter.model.TimelineThought;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.model.WorkflowDefinition;
import io.github.skyvernstarter.model.WorkflowParameterDefinition;
import io.github.skyvernstarter.model.FileInfo;
import io.github.skyvernstarter.model.ProxyLocation;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.ScriptRun;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for AOT processing and native images: reflection on the types Skyvern's JSON mapper reads and
 * writes (API answers, webhook bodies, values in request bodies) and on the deserializers their
 * annotations name, and the starter's version resource. Registered in
 * {@code META-INF/spring/aot.factories}.
 * <p>
 * A new model type belongs in {@link #BOUND_TYPES}; {@code SkyvernRuntimeHintsTests} fails until it
 * is there.
 */
final class SkyvernRuntimeHints implements RuntimeHintsRegistrar {

	/** Types bound by Jackson; their component types and Jackson-named classes are walked too. */
	static final List<Class<?>> BOUND_TYPES = List.of(SkyvernRun.class, RunStatus.class, RunType.class,
			FileInfo.class, ScriptRun.class, RetryWebhookResult.class, ProxyLocation.class, ProxyLocation.Named.class,
			ProxyLocation.Geo.class,
			// Files, diagnostics and 2FA.
			RunTimelineEntry.class, TimelineBlock.class, TimelineThought.class, Artifact.class, ArtifactType.class,
			CancelRunsResult.class, Workflow.class, WorkflowDefinition.class, WorkflowParameterDefinition.class,
			SentVerificationCode.class, SkyvernLenientTimestampDeserializer.class,
			// Finding runs.
			RunSummary.class, WorkflowRunSummary.class, RunPage.class, SkyvernLenientRunStatusDeserializer.class,
			SkyvernLenientRunTypeDeserializer.class);

	/** Read by the auto-configuration for the {@code User-Agent} header. */
	static final String VERSION_RESOURCE = "io/github/skyvernstarter/client/skyvern-starter-version.properties";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				BOUND_TYPES.toArray(Class<?>[]::new));
		hints.resources().registerPattern(VERSION_RESOURCE);
	}

}
