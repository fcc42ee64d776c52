/**
 * Downloading the files a Skyvern run produced: streamed, size-capped, checksum-verified, and never
 * sent Skyvern's API key or headers except where Skyvern's API needs them.
 */
@NullMarked
package io.github.skyvernstarter.files;

import org.jspecify.annotations.NullMarked;
