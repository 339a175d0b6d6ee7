/**
 * Result stores: where a run keeps task results to reuse them in later runs and processes. {@link
 * dev.taskwire.runtime.store.ResultStore} is the SPI a store implements; {@link
 * dev.taskwire.runtime.store.FileResultStore} keeps results in a directory. For users, through
 * {@code RunOptions.resultStore(...)}.
 */
package dev.taskwire.runtime.store;
