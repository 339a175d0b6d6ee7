package test;

import dev.taskwire.Task;

class InaccessibleResult {
  private static class Secret {}

  @Task
  Secret hide() { return new Secret(); }
}
