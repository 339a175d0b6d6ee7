package dev.taskwire.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Collects the generated {@code FooRemoteTasks} classes of a compilation and lists them in the
 * service file of the runtime's {@code RemoteTasks} once processing is over, so that a worker finds
 * them with {@link java.util.ServiceLoader}. Entries already in the file (from an earlier
 * incremental compilation) are kept, as AutoService does.
 */
final class ServiceRegistrations {
  static final String FILE = "META-INF/services/" + RuntimeNames.REMOTE_TASKS.reflectionName();

  private final Set<String> classes = new TreeSet<>();

  void add(String binaryName) {
    classes.add(binaryName);
  }

  /** Writes the file if this compilation generated any remote tasks. */
  void write(Filer filer) throws IOException {
    if (classes.isEmpty()) {
      return;
    }
    Set<String> all = new TreeSet<>(classes);
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", FILE);
      try (BufferedReader reader = new BufferedReader(existing.openReader(true))) {
        reader
            .lines()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .forEach(all::add);
      }
    } catch (IOException | IllegalArgumentException none) {
      // No earlier file: this compilation's entries are all there is.
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", FILE);
    try (Writer writer =
        new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String name : all) {
        writer.write(name + "\n");
      }
    }
    classes.clear();
  }
}
