package test;

import dev.taskwire.Distributed;

@Distributed
class DistributedWithoutTasks {
  String notATask() {
    return "x";
  }
}
