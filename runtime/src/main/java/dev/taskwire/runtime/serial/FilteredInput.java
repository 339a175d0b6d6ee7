package dev.taskwire.runtime.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@code ObjectInputStream} that reads through an {@link InputCheck}: a class outside the list
 * is refused by name before it is loaded, dynamic proxies are refused outright, and the check's
 * filter applies the limits and sees what {@code readResolve} returns. Classes are resolved with
 * the given loader first (the pipeline's, or the thread's context loader, as frameworks and tests
 * need), then as the JDK would.
 */
final class FilteredInput extends ObjectInputStream {
  private final ClassLoader loader;
  private final InputCheck check;

  FilteredInput(InputStream in, ClassLoader loader, InputCheck check) throws IOException {
    super(in);
    this.loader = loader;
    this.check = check;
    setObjectInputFilter(check);
  }

  /** Reads the next object, throwing the check's own refusal where the JDK would throw its own. */
  Object readChecked() throws IOException, ClassNotFoundException {
    try {
      return readObject();
    } catch (InvalidClassException refused) {
      RejectedClassException refusal = check.refusal();
      if (refusal == null || refusal == refused) {
        throw refused;
      }
      refusal.initCause(refused);
      throw refusal;
    }
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass description)
      throws IOException, ClassNotFoundException {
    String name = description.getName();
    check.checkName(name);
    Class<?> type = null;
    if (loader != null) {
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException notThere) {
        // the JDK's default resolution below: primitives and the JDK's own classes
      }
    }
    if (type == null) {
      type = super.resolveClass(description);
    }
    check.checkLoaded(type);
    return type;
  }

  @Override
  protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
    throw new RejectedClassException(
        "a dynamic proxy of " + String.join(", ", interfaces),
        check.list().what(),
        "dynamic proxies are never allowed in " + check.list().what());
  }
}
