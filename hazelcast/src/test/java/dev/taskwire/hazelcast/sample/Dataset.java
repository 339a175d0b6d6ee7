package dev.taskwire.hazelcast.sample;

import java.io.Serializable;

/** Features and targets of the housing data, as they travel to the members. */
public record Dataset(double[][] features, double[] targets) implements Serializable {}
