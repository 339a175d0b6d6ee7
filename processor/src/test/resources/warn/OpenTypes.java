package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatched tasks whose values hold classes that cannot be known at compile time (warnings), and
 * some that can: sealed, transient, or named with allow.
 */
@Distributed
class OpenTypes {
  interface Shape extends Serializable {}

  record Circle(double radius) implements Shape {}

  sealed interface Tool extends Serializable permits Hammer {}

  record Hammer(int weight) implements Tool {}

  static final class Drawing implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<Shape> shapes = new ArrayList<>();
    Tool tool = new Hammer(3);
    transient Object cache;
  }

  @Task
  static Drawing draw() {
    return new Drawing();
  }

  @Task
  @Distributed(allow = Circle.class)
  static Drawing drawCircles() {
    Drawing drawing = new Drawing();
    drawing.shapes.add(new Circle(1));
    return drawing;
  }

  @Task
  @Distributed(false)
  static Serializable anything() {
    return "anything";
  }

  @Task
  static String describe(@DependsOn Serializable anything) {
    return String.valueOf(anything);
  }
}
