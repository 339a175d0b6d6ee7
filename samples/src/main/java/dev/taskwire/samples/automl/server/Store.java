package dev.taskwire.samples.automl.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Things the service keeps by id ({@code ds-1}, {@code model-2}, ...); ids are never reused. */
final class Store<T> {
  private final String prefix;
  private final Map<String, T> items = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  Store(String prefix) {
    this.prefix = prefix;
  }

  /** Stores the item {@code create} builds for a fresh id, and returns it. */
  T add(Function<String, T> create) {
    String id = prefix + "-" + ids.incrementAndGet();
    T item = create.apply(id);
    items.put(id, item);
    return item;
  }

  /**
   * Puts back an item kept from an earlier service, under its id; new ids continue after it. An id
   * that is not this store's prefix and a number is refused.
   */
  void restore(String id, T item) {
    if (!id.startsWith(prefix + "-")) {
      throw new IllegalArgumentException("not an id of " + prefix + ": " + id);
    }
    int number = Integer.parseInt(id.substring(prefix.length() + 1));
    items.put(id, item);
    ids.accumulateAndGet(number, Math::max);
  }

  /**
   * @throws ApiException 404 naming the missing id
   */
  T get(String id, String what) {
    return find(id).orElseThrow(() -> new ApiException(404, "no " + what + " '" + id + "'"));
  }

  Optional<T> find(String id) {
    return Optional.ofNullable(items.get(id));
  }
}
