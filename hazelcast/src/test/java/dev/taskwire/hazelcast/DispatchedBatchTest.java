package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A batch's answer as the driver reads it: one reply per call, and nothing else. */
class DispatchedBatchTest {
  @Test
  void theRepliesComeOutInTheOrderOfTheCalls() throws Exception {
    byte[] answer =
        ByteBuffer.allocate(4 + 4 + 2 + 4 + 3)
            .putInt(2)
            .putInt(2)
            .put(new byte[] {1, 2})
            .putInt(3)
            .put(new byte[] {3, 4, 5})
            .array();

    byte[][] replies = DispatchedBatch.replies(answer, 2);

    assertArrayEquals(new byte[] {1, 2}, replies[0]);
    assertArrayEquals(new byte[] {3, 4, 5}, replies[1]);
  }

  @Test
  void anAnswerWithAnotherNumberOfRepliesIsRefused() {
    byte[] answer = ByteBuffer.allocate(4 + 4 + 1).putInt(1).putInt(1).put((byte) 7).array();

    StreamCorruptedException refused =
        assertThrows(StreamCorruptedException.class, () -> DispatchedBatch.replies(answer, 2));
    assertEquals("a batch of 2 calls was answered with 1 replies", refused.getMessage());
  }

  @Test
  void aReplyClaimingMoreBytesThanAreLeftIsRefused() {
    byte[] answer = ByteBuffer.allocate(4 + 4 + 1).putInt(1).putInt(1000).put((byte) 7).array();

    StreamCorruptedException refused =
        assertThrows(StreamCorruptedException.class, () -> DispatchedBatch.replies(answer, 1));
    assertEquals("reply 0 of a batch claims 1000 bytes, more than are left", refused.getMessage());
  }

  @Test
  void bytesAfterTheLastReplyAreRefused() {
    byte[] answer =
        ByteBuffer.allocate(4 + 4 + 1 + 2)
            .putInt(1)
            .putInt(1)
            .put((byte) 7)
            .putShort((short) 9)
            .array();

    StreamCorruptedException refused =
        assertThrows(StreamCorruptedException.class, () -> DispatchedBatch.replies(answer, 1));
    assertEquals("a batch's answer has 2 bytes after its last reply", refused.getMessage());
  }
}
