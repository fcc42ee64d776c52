package io.github.skyvernstarter.webhook;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the forms the application's own endpoint saved, as the server saw them.
 */
class SavedForms {

	final AtomicInteger count = new AtomicInteger();

}
