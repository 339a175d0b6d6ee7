package dev.taskwire.processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import javax.lang.model.element.VariableElement;

/**
 * A short hash of what a driver and a worker must agree on to exchange a task's arguments and
 * result: the pipeline's name and, per task in declaration order, its name, kind, whether it is
 * static and dispatched, its parameter and result types, and its dependencies. Any change to these
 * gives another fingerprint, so a worker running a different build fails fast.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(PipelineModel model, Set<String> dispatched) {
    StringBuilder text = new StringBuilder(model.type().getQualifiedName()).append('\n');
    for (TaskModel task : model.tasks()) {
      text.append(task.name())
          .append(' ')
          .append(task.kind())
          .append(task.isStatic() ? " static" : "")
          .append(dispatched.contains(task.name()) ? " dispatched" : "")
          .append(" -> ")
          .append(task.method().getReturnType())
          .append('\n');
      for (int i = 0; i < task.dependencies().size(); i++) {
        VariableElement parameter = task.method().getParameters().get(i);
        text.append("  ")
            .append(parameter.asType())
            .append(" <- ")
            .append(task.dependencies().get(i).taskName())
            .append('\n');
      }
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      // 64 bits tell builds apart well enough and stay readable in an error message.
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
