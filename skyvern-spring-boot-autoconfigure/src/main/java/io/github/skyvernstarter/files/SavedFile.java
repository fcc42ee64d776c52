package io.github.skyvernstarter.files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A file of a run saved to a directory.
 *
 * @param name the name it was saved under (made safe from the name Skyvern gave)
 * @param path where it was saved
 * @param size its size in bytes
 * @param checksum the SHA-256 it was verified against, or {@code null} when Skyvern gave none
 * @since 0.1.0
 */
public record SavedFile(String name, Path path, long size, @Nullable String checksum) {

}
