package dev.taskwire.samples.automl.client;

import java.util.List;

/** A data set stored on the service: its id there, the name it was uploaded under, its shape. */
public record DatasetRef(String id, String name, int rows, List<String> columns) {}
