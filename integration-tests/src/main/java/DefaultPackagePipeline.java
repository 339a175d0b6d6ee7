import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A pipeline in the default package: its runner is DefaultPackagePipelineRunner, also there. */
@SuppressWarnings("DefaultPackage") // the point: a pipeline in the unnamed package
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
