package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Fan-outs over lists, sets, primitive arrays, async and void tasks, and over a fan-out. */
public class FanOuts {
  final List<String> logged = Collections.synchronizedList(new ArrayList<>());

  @Task List<String> names() { return List.of("a", "bb", "ccc"); }

  @Task static int[] sizes() { return new int[] {1, 2}; }

  @Task String prefix() { return ">"; }

  @Task(maxConcurrency = 2)
  int length(@ForEach("names") CharSequence name) {
    return name.length();
  }

  @Task long doubled(@ForEach("sizes") long size, @DependsOn("prefix") String prefix) {
    return size * 2 + prefix.length();
  }

  @Task CompletableFuture<String> fetch(@ForEach String names, @DependsOn String prefix) {
    return CompletableFuture.completedFuture(prefix + names);
  }

  @Task void log(@ForEach("fetch") String page) {
    logged.add(page);
  }

  @Task Set<Integer> squares(@ForEach("length") int length) {
    return Set.of(length * length);
  }

  @Task String summary(@DependsOn("length") List<Integer> lengths,
      @DependsOn("doubled") List<Long> doubled, @DependsOn("squares") List<Set<Integer>> squares) {
    return lengths + " " + doubled + " " + squares;
  }
}
