package dev.taskwire.samples.automl.server;

import dev.taskwire.samples.automl.data.Table;

/** A data set the service holds: its id, the name it was uploaded under, and its rows. */
record StoredDataset(String id, String name, Table table) {
  JsonViews.DatasetView view() {
    return new JsonViews.DatasetView(id, name, table.rowCount(), table.columns());
  }
}
