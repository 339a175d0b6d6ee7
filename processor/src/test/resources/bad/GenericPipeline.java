package test;

import dev.taskwire.Task;

class GenericPipeline<T> {
  @Task String load() { return "rows"; }
}
