/**
 * Safe reading of Java serialization: every result or call that taskwire reads back from a store or
 * another JVM goes through an {@link dev.taskwire.runtime.serial.AllowList}, the classes the
 * processor derived from the task's declared types, with limits on nesting and sizes; anything else
 * is refused with a {@link dev.taskwire.runtime.serial.RejectedClassException} before its class is
 * loaded. For result stores and dispatchers of your own, and for reading the refusals.
 */
package dev.taskwire.runtime.serial;
