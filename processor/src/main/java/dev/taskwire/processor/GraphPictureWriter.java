package dev.taskwire.processor;

import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.internal.GraphBuilder;
import dev.taskwire.runtime.internal.GraphTable;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code FooRunner.mmd} beside the runner's class: the graph is known at compile time, so a
 * build can publish its picture without running anything. The runtime's own {@link TaskGraph} draws
 * it, so it is the picture that {@code FooRunner.toMermaid()} returns.
 */
final class GraphPictureWriter {
  private final Filer filer;

  GraphPictureWriter(Filer filer) {
    this.filer = filer;
  }

  void write(ResolvedPipeline model) throws IOException {
    GraphBuilder graph = GraphTable.builder(model.canonicalName());
    for (ResolvedTask task : model.tasks()) {
      graph.task(
          task.name(),
          task.kind(),
          task.dependencies().stream()
              .map(ResolvedDependency::upstreamName)
              .toArray(String[]::new));
      task.forEach()
          .ifPresent(each -> graph.forEach(each.upstreamName(), task.settings().maxConcurrency()));
    }
    FileObject resource =
        filer.createResource(
            StandardLocation.CLASS_OUTPUT,
            model.runner().packageName(),
            model.runner().simpleName() + ".mmd",
            model.type());
    try (Writer writer = resource.openWriter()) {
      writer.write(graph.build().toMermaid());
    }
  }
}
