package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

/**
 * Tells a failure of the member running a call (it left, died, shut down, or the connection to it
 * broke) from a failure of the task itself. Only the former is re-run without counting as a retry.
 */
final class LostMember {
  private LostMember() {}

  static boolean isLost(Throwable failure) {
    int depth = 0; // a cause chain may loop
    for (Throwable cause = failure; cause != null && depth++ < 32; cause = cause.getCause()) {
      if (cause instanceof MemberLeftException
          || cause instanceof TargetDisconnectedException
          || cause instanceof TargetNotMemberException
          // The target shut down while running the call (the driver's own state is checked
          // separately: a driver that shut down has nothing to re-run on).
          || cause instanceof HazelcastInstanceNotActiveException) {
        return true;
      }
    }
    return false;
  }
}
