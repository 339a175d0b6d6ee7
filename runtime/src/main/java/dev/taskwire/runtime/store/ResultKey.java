package dev.taskwire.runtime.store;

/**
 * What a stored result is filed under: the pipeline, the task, and a fingerprint of everything the
 * task was given.
 *
 * @param pipeline the pipeline class's name
 * @param task the task's name
 * @param fingerprint a SHA-256, in hex, of the task's name and kind, the names of its prerequisites
 *     and the serialized form of each result it received
 */
public record ResultKey(String pipeline, String task, String fingerprint) {}
