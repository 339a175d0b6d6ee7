package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.ArrayList;

/** A non-generic pipeline class whose superclass is generic. */
class PipelineExtendsGenericClass extends ArrayList<String> {
  private static final long serialVersionUID = 1L;

  @Task String first() { return "a"; }

  @Task int count(@DependsOn("first") String first) { return first.length() + 1; }
}
