/**
 * The run path: {@link io.github.skyvernstarter.client.SkyvernWorkflowTemplate} (blocking) and
 * {@link io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate} (non-blocking, waits) over
 * {@link io.github.skyvernstarter.client.SkyvernApiClient}, the one place HTTP calls are made.
 * <p>
 * Inside the client, one call goes: a mapping builds a {@code SkyvernCall} (which value is a body
 * field, a header or a query parameter; {@code RunWorkflowMapping} for a run start), then
 * {@code SkyvernExchange} merges the call's {@link io.github.skyvernstarter.client.RequestOptions}
 * over the client's defaults once, sends it, and hands the answer to {@code SkyvernResponseReader},
 * which decodes a success with a {@code ResponseDecoder} and gives everything else to
 * {@code SkyvernFailureTranslator}, the one place failures become exceptions. A new API call is an
 * {@link io.github.skyvernstarter.operation.SkyvernOperation} entry, a mapping (for a call with a
 * request object) and a decoder, plus its method on the client, the templates and the operations
 * interfaces.
 */
@NullMarked
package io.github.skyvernstarter.client;

import org.jspecify.annotations.NullMarked;
