package dev.taskwire.hazelcast;

import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StreamCorruptedException;
import java.util.List;

/**
 * The values a call or a reply carries in a form of its own rather than in Java serialization:
 * {@code null}, {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, and
 * arrays of {@code byte}, {@code int}, {@code long} and {@code double}. Each is a tag byte and its
 * contents, with no class descriptor and no stream header, so a 1 KB {@code byte[]} costs 1 KB and
 * 5 bytes, and reading it creates nothing but the value. Every other value is a {@link #JAVA} tag,
 * and the value itself goes in a Java-serialized section that is read through the task's {@link
 * AllowList}.
 *
 * <p>Reading one creates no class of the input's choosing: the tags name fixed JDK classes, all of
 * which every allow-list admits ({@link #CLASSES}). An array or string may not claim more elements
 * than the bytes left in the input could hold, so a few bytes cannot make a member allocate
 * gigabytes; such an input fails with a {@link RejectedClassException} as a Java-serialized one
 * does.
 */
final class WireValues {
  static final byte NULL = 0;

  /** The value is in the Java-serialized section, read through the allow-list. */
  static final byte JAVA = 1;

  static final byte BYTES = 2;
  static final byte INTS = 3;
  static final byte LONGS = 4;
  static final byte DOUBLES = 5;
  static final byte STRING = 6;
  static final byte INT = 7;
  static final byte LONG = 8;
  static final byte DOUBLE = 9;
  static final byte TRUE = 10;
  static final byte FALSE = 11;

  /** The classes the tags stand for: JDK values, which every allow-list admits. */
  static final List<Class<?>> CLASSES =
      List.of(
          byte[].class,
          int[].class,
          long[].class,
          double[].class,
          String.class,
          Integer.class,
          Long.class,
          Double.class,
          Boolean.class);

  private WireValues() {}

  /** The tag {@code value} is written with: {@link #JAVA} unless it is one of {@link #CLASSES}. */
  static byte tagOf(Object value) {
    if (value == null) {
      return NULL;
    }
    Class<?> type = value.getClass();
    if (type == byte[].class) {
      return BYTES;
    } else if (type == String.class) {
      return STRING;
    } else if (type == Integer.class) {
      return INT;
    } else if (type == Long.class) {
      return LONG;
    } else if (type == Double.class) {
      return DOUBLE;
    } else if (type == Boolean.class) {
      return (Boolean) value ? TRUE : FALSE;
    } else if (type == int[].class) {
      return INTS;
    } else if (type == long[].class) {
      return LONGS;
    } else if (type == double[].class) {
      return DOUBLES;
    }
    return JAVA;
  }

  /** The bytes {@link #write} writes for {@code value}, tag included; not for {@link #JAVA}. */
  static int size(Object value, byte tag) {
    return 1
        + switch (tag) {
          case BYTES -> 4 + ((byte[]) value).length;
          case INTS -> 4 + 4 * ((int[]) value).length;
          case LONGS -> 4 + 8 * ((long[]) value).length;
          case DOUBLES -> 4 + 8 * ((double[]) value).length;
          case STRING -> 4 + utfLength((String) value);
          case INT -> 4;
          case LONG, DOUBLE -> 8;
          case NULL, TRUE, FALSE -> 0;
          default -> throw new IllegalArgumentException("no size for tag " + tag);
        };
  }

  /** Writes the tag and, unless it is {@link #JAVA}, the value. */
  static void write(DataOutput out, Object value, byte tag) throws IOException {
    out.writeByte(tag);
    switch (tag) {
      case BYTES -> {
        byte[] bytes = (byte[]) value;
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      case INTS -> {
        int[] ints = (int[]) value;
        out.writeInt(ints.length);
        for (int element : ints) {
          out.writeInt(element);
        }
      }
      case LONGS -> {
        long[] longs = (long[]) value;
        out.writeInt(longs.length);
        for (long element : longs) {
          out.writeLong(element);
        }
      }
      case DOUBLES -> {
        double[] doubles = (double[]) value;
        out.writeInt(doubles.length);
        for (double element : doubles) {
          out.writeDouble(element);
        }
      }
      case STRING -> writeString(out, (String) value);
      case INT -> out.writeInt((Integer) value);
      case LONG -> out.writeLong((Long) value);
      case DOUBLE -> out.writeDouble((Double) value);
      default -> {
        // NULL, TRUE, FALSE, JAVA: the tag says it all.
      }
    }
  }

  /**
   * Reads the value of a tag other than {@link #JAVA}.
   *
   * @param what what is read, for messages: {@code "a call of task 'train' of app.Pipeline"}
   * @throws RejectedClassException if an array or string claims more elements than the input holds
   * @throws StreamCorruptedException if the tag is none of these
   */
  static Object read(DataInput in, byte tag, Object what) throws IOException {
    return switch (tag) {
      case NULL -> null;
      case TRUE -> true;
      case FALSE -> false;
      case INT -> Integer.valueOf(in.readInt());
      case LONG -> Long.valueOf(in.readLong());
      case DOUBLE -> Double.valueOf(in.readDouble());
      case BYTES -> {
        byte[] bytes = new byte[length(in, 1, byte[].class, what)];
        in.readFully(bytes);
        yield bytes;
      }
      case INTS -> {
        int[] ints = new int[length(in, 4, int[].class, what)];
        for (int i = 0; i < ints.length; i++) {
          ints[i] = in.readInt();
        }
        yield ints;
      }
      case LONGS -> {
        long[] longs = new long[length(in, 8, long[].class, what)];
        for (int i = 0; i < longs.length; i++) {
          longs[i] = in.readLong();
        }
        yield longs;
      }
      case DOUBLES -> {
        double[] doubles = new double[length(in, 8, double[].class, what)];
        for (int i = 0; i < doubles.length; i++) {
          doubles[i] = in.readDouble();
        }
        yield doubles;
      }
      case STRING -> readString(in, what);
      default -> throw new StreamCorruptedException("unknown value tag " + tag + " in " + what);
    };
  }

  /**
   * Reads a count of elements of {@code elementBytes} bytes each, refusing one that the rest of the
   * input cannot hold.
   */
  static int length(DataInput in, int elementBytes, Class<?> type, Object what) throws IOException {
    int length = in.readInt();
    long left = bytesLeft(in);
    if (length < 0 || (long) length * elementBytes > left) {
      throw new RejectedClassException(
          type.getName(),
          String.valueOf(what),
          "an array of "
              + length
              + " elements in "
              + what
              + ", more than the "
              + left
              + " bytes left in the input hold");
    }
    return length;
  }

  /**
   * How many bytes are left in {@code in}: exact for the byte-array inputs that Hazelcast reads
   * objects from and for {@link ByteInput}; otherwise the allow-lists' bound for an input of
   * unknown length.
   */
  private static long bytesLeft(DataInput in) throws IOException {
    if (in instanceof ByteInput bytes) {
      return bytes.left();
    }
    if (in instanceof InputStream stream) {
      return stream.available();
    }
    return AllowList.MAX_ARRAY_LENGTH;
  }

  /** The length of {@code value} in modified UTF-8, as {@link DataOutput#writeUTF} counts it. */
  private static int utfLength(String value) {
    int length = value.length();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80 || c == 0) {
        length += c >= 0x800 ? 2 : 1;
      }
    }
    return length;
  }

  /** Its length in bytes, then the string in modified UTF-8 (with no 64 KB limit). */
  private static void writeString(DataOutput out, String value) throws IOException {
    out.writeInt(utfLength(value));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != 0 && c < 0x80) {
        out.writeByte(c);
      } else if (c < 0x800) {
        out.writeByte(0xC0 | (c >> 6));
        out.writeByte(0x80 | (c & 0x3F));
      } else {
        out.writeByte(0xE0 | (c >> 12));
        out.writeByte(0x80 | ((c >> 6) & 0x3F));
        out.writeByte(0x80 | (c & 0x3F));
      }
    }
  }

  private static String readString(DataInput in, Object what) throws IOException {
    byte[] bytes = new byte[length(in, 1, String.class, what)];
    in.readFully(bytes);
    char[] chars = new char[bytes.length];
    int count = 0;
    for (int i = 0; i < bytes.length; ) {
      int b = bytes[i++] & 0xFF;
      if (b < 0x80) {
        chars[count++] = (char) b;
      } else if ((b & 0xE0) == 0xC0 && i < bytes.length) {
        chars[count++] = (char) (((b & 0x1F) << 6) | (bytes[i++] & 0x3F));
      } else if ((b & 0xF0) == 0xE0 && i + 1 < bytes.length) {
        chars[count++] =
            (char) (((b & 0x0F) << 12) | ((bytes[i++] & 0x3F) << 6) | (bytes[i++] & 0x3F));
      } else {
        throw new StreamCorruptedException("malformed string in " + what);
      }
    }
    return new String(chars, 0, count);
  }

  /** A {@link DataInput} over part of a byte array, big-endian, that knows how much is left. */
  static final class ByteInput implements DataInput {
    private final byte[] bytes;
    private final int end;
    private int at;

    ByteInput(byte[] bytes, int from) {
      this.bytes = bytes;
      this.at = from;
      this.end = bytes.length;
    }

    int left() {
      return end - at;
    }

    private int take(int count) throws EOFException {
      if (end - at < count) {
        throw new EOFException();
      }
      int from = at;
      at += count;
      return from;
    }

    @Override
    public void readFully(byte[] into) throws IOException {
      readFully(into, 0, into.length);
    }

    @Override
    public void readFully(byte[] into, int offset, int length) throws IOException {
      System.arraycopy(bytes, take(length), into, offset, length);
    }

    @Override
    public int skipBytes(int count) {
      int skipped = Math.max(0, Math.min(count, end - at));
      at += skipped;
      return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
      return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
      return bytes[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
      return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
      int from = take(2);
      return (short) ((bytes[from] << 8) | (bytes[from + 1] & 0xFF));
    }

    @Override
    public int readUnsignedShort() throws IOException {
      return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
      return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
      int from = take(4);
      return (bytes[from] << 24)
          | ((bytes[from + 1] & 0xFF) << 16)
          | ((bytes[from + 2] & 0xFF) << 8)
          | (bytes[from + 3] & 0xFF);
    }

    @Override
    public long readLong() throws IOException {
      return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    @Override
    public float readFloat() throws IOException {
      return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
      return Double.longBitsToDouble(readLong());
    }

    @Override
    public String readLine() {
      throw new UnsupportedOperationException("readLine");
    }

    @Override
    public String readUTF() {
      throw new UnsupportedOperationException("readUTF");
    }
  }
}
