package dev.taskwire.hazelcast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The pipeline object and arguments of a dispatched call, in Java serialization (what the processor
 * checked at compile time). They travel as bytes beside the call's header, so that a member reads
 * them only after it has checked the fingerprint: a member with a different build then reports
 * that, not a puzzling {@code InvalidClassException}.
 */
final class CallPayload {
  private CallPayload() {}

  static byte[] write(Object instance, Object[] arguments) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(instance);
      out.writeObject(arguments);
    }
    return bytes.toByteArray();
  }

  /** Reads {instance, arguments}, resolving classes with {@code loader}: the pipeline's. */
  static Object[] read(byte[] payload, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new LoaderInputStream(new ByteArrayInputStream(payload), loader)) {
      return new Object[] {in.readObject(), in.readObject()};
    }
  }

  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(description.getName(), false, loader);
      } catch (ClassNotFoundException notThere) {
        return super.resolveClass(description); // primitives and the JDK's own classes
      }
    }
  }
}
