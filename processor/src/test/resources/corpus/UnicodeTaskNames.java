package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Task names that are not ASCII. */
class UnicodeTaskNames {
  @Task double π() { return Math.PI; }

  @Task String données() { return "rows"; }

  @Task String résumé(
      @DependsOn("π") double pi,
      @DependsOn String données) {
    return données + ":" + (int) pi;
  }
}
