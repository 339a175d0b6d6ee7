package dev.taskwire.hazelcast;

import java.io.Serializable;

/** A computed value and the member that computed it ("driver" when it ran locally). */
public record Part(long value, String member) implements Serializable {
  static Part computed(long value) {
    return new Part(
        value, MemberContext.member().map(m -> m.getUuid().toString()).orElse("driver"));
  }
}
