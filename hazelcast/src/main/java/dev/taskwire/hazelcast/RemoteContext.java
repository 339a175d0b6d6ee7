package dev.taskwire.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.ContextPropagator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's context on a member: the fields a dispatched call carries ({@link
 * dev.taskwire.runtime.remote.RemoteCall#context()}, as name/value pairs) and the member's {@link
 * ContextPropagator.Remote}s, kept in the member's user context (see {@link
 * HazelcastConfigs#propagate}), which restore them around the task's call. A propagator that throws
 * costs the call only its context: the problem is logged and the task runs.
 */
final class RemoteContext {
  /** The key of the member's propagators in its user context. */
  static final String PROPAGATORS = "dev.taskwire.remoteContextPropagators";

  private static final String[] NO_PAIRS = {};

  private static final System.Logger LOG = System.getLogger(RemoteContext.class.getName());

  private RemoteContext() {}

  /** The fields as alternating names and values: plain JDK strings travel past any filter. */
  static String[] pairs(Map<String, String> fields) {
    if (fields.isEmpty()) {
      return NO_PAIRS;
    }
    String[] pairs = new String[2 * fields.size()];
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      pairs[i++] = field.getKey();
      pairs[i++] = field.getValue();
    }
    return pairs;
  }

  static Map<String, String> fields(String[] pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; pairs != null && i + 1 < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  static Config addPropagators(Config config, List<ContextPropagator.Remote> propagators) {
    config.getUserContext().put(PROPAGATORS, List.copyOf(propagators));
    return config;
  }

  /**
   * Restores the call's fields (as {@link #pairs} gave them) with each of {@code member}'s
   * propagators; returns the scopes for {@link #close}, null where a propagator threw.
   */
  static ContextPropagator.Scope[] restore(
      HazelcastInstance member, String[] pairs, String pipeline, String task, int attempt) {
    Object propagators = member.getUserContext().get(PROPAGATORS);
    if (!(propagators instanceof List<?> remotes) || remotes.isEmpty()) {
      return null;
    }
    Map<String, String> fields = fields(pairs);
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[remotes.size()];
    for (int i = 0; i < scopes.length; i++) {
      try {
        scopes[i] =
            ((ContextPropagator.Remote) remotes.get(i)).restore(fields, pipeline, task, attempt);
      } catch (RuntimeException | Error broken) {
        warn("restore", pipeline, task, broken);
      }
    }
    return scopes;
  }

  /** Closes what {@link #restore} opened, in reverse order. */
  static void close(ContextPropagator.Scope[] scopes, String pipeline, String task) {
    for (int i = scopes == null ? -1 : scopes.length - 1; i >= 0; i--) {
      if (scopes[i] != null) {
        try {
          scopes[i].close();
        } catch (RuntimeException | Error broken) {
          warn("close", pipeline, task, broken);
        }
      }
    }
  }

  private static void warn(String step, String pipeline, String task, Throwable broken) {
    LOG.log(
        System.Logger.Level.WARNING,
        "a context propagator threw in "
            + step
            + " around dispatched task '"
            + task
            + "' of "
            + pipeline
            + "; the task runs without that context",
        broken);
  }
}
