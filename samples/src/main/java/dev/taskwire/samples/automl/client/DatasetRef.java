package dev.taskwire.samples.automl.client;

import java.io.Serializable;
import java.util.List;

/**
 * A data set stored on the service: its id there, the name it was uploaded under, its shape. The id
 * means something only to a service that still has the data set (one started with {@code
 * ServerConfig.keepDataIn} keeps it beyond its own end), and so does a kept copy of this reference.
 */
public record DatasetRef(String id, String name, int rows, List<String> columns)
    implements Serializable {}
