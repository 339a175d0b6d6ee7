package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** Results with type arguments, and a parameter of a supertype of its upstream's result. */
public class GenericResults {
  @Task
  List<String> names() {
    return List.of("ada", "grace");
  }

  @Task
  String title() {
    return "team";
  }

  @Task
  List<String> upperCase(@DependsOn("names") List<String> names) {
    return names.stream().map(String::toUpperCase).toList();
  }

  @Task
  int titleLength(@DependsOn("title") CharSequence title) {
    return title.length();
  }
}
