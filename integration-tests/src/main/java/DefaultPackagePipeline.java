import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A pipeline in the default package: its runner is DefaultPackagePipelineRunner, also there. */
public class DefaultPackagePipeline {
  @Task
  String word() {
    return "unnamed";
  }

  @Task
  int length(@DependsOn("word") String word) {
    return word.length();
  }
}
