package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskwire.Task;
import dev.taskwire.runtime.TaskGraph;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JPMS module names the README promises (Add it to your build), as the JDK derives them from
 * the jars a build hands out: {@code dev.taskwire} for the annotations, {@code
 * dev.taskwire.runtime} for the runtime. Only jars carry them, so this runs where Maven puts the
 * modules' jars on the test class path ({@code mvn verify}, as CI runs it); against class folders
 * ({@code mvn test}) it is skipped.
 */
class ModuleNamesTest {
  @Test
  void theAnnotationsAreModuleDevTaskwire() throws Exception {
    assertEquals("dev.taskwire", moduleNameOfTheJarOf(Task.class));
  }

  @Test
  void theRuntimeIsModuleDevTaskwireRuntime() throws Exception {
    assertEquals("dev.taskwire.runtime", moduleNameOfTheJarOf(TaskGraph.class));
  }

  private static String moduleNameOfTheJarOf(Class<?> type) throws URISyntaxException {
    Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assumeTrue(
        Files.isRegularFile(location),
        () -> type.getName() + " comes from " + location + ", not a jar: run mvn verify");
    List<ModuleReference> modules = List.copyOf(ModuleFinder.of(location).findAll());
    assertEquals(1, modules.size(), () -> location + " holds " + modules);
    return modules.get(0).descriptor().name();
  }
}
