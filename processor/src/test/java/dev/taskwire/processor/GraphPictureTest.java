package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The processor writes the graph as Mermaid beside the runner, so builds can publish it. */
class GraphPictureTest {
  @Test
  void theRunnersMermaidFileIsWrittenAtCompileTime() {
    Compilation compilation = compile(source("good/GoldenPipeline.java"));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "test", "GoldenPipelineRunner.mmd")
        .contentsAsUtf8String()
        .isEqualTo(
            "flowchart LR\n"
                + "  t0([\"fetch (async)\"])\n"
                + "  t1[\"limit\"]\n"
                + "  t2[\"join\"]\n"
                + "  t3[\"log\"]\n"
                + "  t0 --> t2\n"
                + "  t1 --> t2\n"
                + "  t2 --> t3\n");
  }
}
