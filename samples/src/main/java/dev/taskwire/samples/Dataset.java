package dev.taskwire.samples;

import java.util.List;

/** A data set the service holds: its id and its rows of (x, y); y is NaN where unknown. */
public record Dataset(String id, List<double[]> rows) {}
