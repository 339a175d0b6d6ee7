package dev.taskwire.runtime.internal;

/**
 * Arguments for primitive parameters whose upstream value is boxed and so may be null, for
 * generated code: {@code PrimitiveArguments.intValue(run, 1, "use", "n")} instead of unboxing
 * {@code run.<Integer>value(1)}, whose null would fail with a {@code NullPointerException} about
 * this runtime's accessor. A null fails the consuming task with a message naming the producing
 * task, the parameter and its type.
 *
 * <p>Each method takes what the processor found assignable to its primitive type, as javac would
 * convert it: the boxed type itself or one that widens to it ({@code Integer} or {@code Character}
 * into a {@code long}). A {@code ...Value} method reads task {@code task}'s result from {@code
 * run}; an {@code ...Element} method takes one element of a {@code @ForEach} task's collection.
 */
public final class PrimitiveArguments {
  private PrimitiveArguments() {}

  public static boolean booleanValue(PipelineRun run, int task, String consumer, String parameter) {
    return (Boolean) value(run, task, consumer, parameter, "a boolean");
  }

  public static char charValue(PipelineRun run, int task, String consumer, String parameter) {
    return (Character) value(run, task, consumer, parameter, "a char");
  }

  public static byte byteValue(PipelineRun run, int task, String consumer, String parameter) {
    return (Byte) value(run, task, consumer, parameter, "a byte");
  }

  public static short shortValue(PipelineRun run, int task, String consumer, String parameter) {
    return ((Number) value(run, task, consumer, parameter, "a short")).shortValue();
  }

  public static int intValue(PipelineRun run, int task, String consumer, String parameter) {
    return toInt(value(run, task, consumer, parameter, "an int"));
  }

  public static long longValue(PipelineRun run, int task, String consumer, String parameter) {
    return toLong(value(run, task, consumer, parameter, "a long"));
  }

  public static float floatValue(PipelineRun run, int task, String consumer, String parameter) {
    return toFloat(value(run, task, consumer, parameter, "a float"));
  }

  public static double doubleValue(PipelineRun run, int task, String consumer, String parameter) {
    return toDouble(value(run, task, consumer, parameter, "a double"));
  }

  public static boolean booleanElement(
      Object element, String source, String consumer, String parameter) {
    return (Boolean) element(element, source, consumer, parameter, "a boolean");
  }

  public static char charElement(Object element, String source, String consumer, String parameter) {
    return (Character) element(element, source, consumer, parameter, "a char");
  }

  public static byte byteElement(Object element, String source, String consumer, String parameter) {
    return (Byte) element(element, source, consumer, parameter, "a byte");
  }

  public static short shortElement(
      Object element, String source, String consumer, String parameter) {
    return ((Number) element(element, source, consumer, parameter, "a short")).shortValue();
  }

  public static int intElement(Object element, String source, String consumer, String parameter) {
    return toInt(element(element, source, consumer, parameter, "an int"));
  }

  public static long longElement(Object element, String source, String consumer, String parameter) {
    return toLong(element(element, source, consumer, parameter, "a long"));
  }

  public static float floatElement(
      Object element, String source, String consumer, String parameter) {
    return toFloat(element(element, source, consumer, parameter, "a float"));
  }

  public static double doubleElement(
      Object element, String source, String consumer, String parameter) {
    return toDouble(element(element, source, consumer, parameter, "a double"));
  }

  // Widening after unboxing: Byte, Short, Integer, ... are Numbers; Character is not.

  private static int toInt(Object value) {
    return value instanceof Character c ? c : ((Number) value).intValue();
  }

  private static long toLong(Object value) {
    return value instanceof Character c ? c : ((Number) value).longValue();
  }

  private static float toFloat(Object value) {
    return value instanceof Character c ? c : ((Number) value).floatValue();
  }

  private static double toDouble(Object value) {
    return value instanceof Character c ? c : ((Number) value).doubleValue();
  }

  private static Object value(
      PipelineRun run, int task, String consumer, String parameter, String type) {
    Object value = run.value(task);
    if (value == null) {
      throw new NullPointerException(
          "task '"
              + run.graph.name(task)
              + "' returned null, but parameter "
              + parameter
              + " of task '"
              + consumer
              + "' is "
              + type);
    }
    return value;
  }

  private static Object element(
      Object element, String source, String consumer, String parameter, String type) {
    if (element == null) {
      throw new NullPointerException(
          "an element of the result of task '"
              + source
              + "' is null, but parameter "
              + parameter
              + " of task '"
              + consumer
              + "' is "
              + type);
    }
    return element;
  }
}
