package dev.taskwire.processor;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * The length of each method's bytecode in the class files of a compilation, read from the class
 * files themselves (the {@code code_length} of each method's {@code Code} attribute, JVMS 4.7.3),
 * so that a test can hold generated code to HotSpot's limit on the methods it compiles.
 */
final class MethodSizes {
  private static final String OUTPUT = "/CLASS_OUTPUT/";

  private MethodSizes() {}

  /**
   * {@code "test.BigRunner$Tasks0To99.addTo(Ldev/...;)V"} to its code's length in bytes, for each
   * method with code in each class file of {@code compilation} whose binary name starts with one of
   * {@code prefixes}.
   */
  static Map<String, Integer> of(Compilation compilation, String... prefixes) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath(); // e.g. /CLASS_OUTPUT/test/Foo$Bar.class
      int start = path.indexOf(OUTPUT) + OUTPUT.length();
      String name = path.substring(start, path.length() - ".class".length()).replace('/', '.');
      for (String prefix : prefixes) {
        if (name.startsWith(prefix)) {
          codeLengths(read(file))
              .forEach((method, length) -> sizes.put(name + "." + method, length));
          break;
        }
      }
    }
    return sizes;
  }

  /** Each method with code of {@code classFile}, as name and descriptor, to its code's length. */
  static Map<String, Integer> codeLengths(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      String[] utf8 = new String[in.readUnsignedShort()];
      for (int i = 1; i < utf8.length; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF(); // Utf8: the same modified UTF-8 as DataInput's
          case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
          case 15 -> in.skipNBytes(3); // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer ... InvokeDynamic
          case 5, 6 -> { // Long, Double: two entries
            in.skipNBytes(8);
            i++;
          }
          default -> throw new IllegalArgumentException("constant pool tag " + tag);
        }
      }
      in.skipNBytes(6); // access flags, this class, super class
      in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipNBytes(6); // access flags, name, descriptor
        skipAttributes(in);
      }
      Map<String, Integer> lengths = new LinkedHashMap<>();
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.skipNBytes(2); // access flags
        String method = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipNBytes(4); // max stack, max locals
            lengths.put(method, in.readInt());
            in.skipNBytes(length - 8L);
          } else {
            in.skipNBytes(length);
          }
        }
      }
      return lengths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.skipNBytes(2);
      in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
    }
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
