package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the class files of a successful compilation from memory, so that a test can run the
 * generated runner. The test's own class loader is the parent: {@code dev.taskwire.runtime} is
 * shared, and the results can be compared with the test's values.
 */
final class CompiledClasses extends ClassLoader {
  private static final String OUTPUT = "/CLASS_OUTPUT/";

  private final Map<String, byte[]> classFiles = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    assertThat(compilation).succeeded();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath(); // e.g. /CLASS_OUTPUT/test/Foo$Bar.class
        int start = path.indexOf(OUTPUT) + OUTPUT.length();
        String name = path.substring(start, path.length() - ".class".length()).replace('/', '.');
        classFiles.put(name, read(file));
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classFiles.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** Calls the constructor of {@code className} that takes {@code arguments.length} arguments. */
  Object construct(String className, Object... arguments) {
    try {
      for (Constructor<?> constructor : loadClass(className).getDeclaredConstructors()) {
        if (constructor.getParameterCount() == arguments.length) {
          constructor.setAccessible(true);
          return constructor.newInstance(arguments);
        }
      }
      throw new AssertionError(className + " has no constructor of " + arguments.length);
    } catch (InvocationTargetException e) {
      throw new AssertionError("new " + className + " threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls the public no-argument method {@code method} of {@code target}. */
  static Object call(Object target, String method) {
    try {
      return target.getClass().getMethod(method).invoke(target);
    } catch (InvocationTargetException e) {
      throw new AssertionError(method + "() threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code new <Pipeline>Runner(pipeline).run()}: the results of one run of {@code pipeline}. */
  Object run(String runnerClass, Object pipeline) {
    return call(construct(runnerClass, pipeline), "run");
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
