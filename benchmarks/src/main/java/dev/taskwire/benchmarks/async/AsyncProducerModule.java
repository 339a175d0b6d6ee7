package dev.taskwire.benchmarks.async;

import com.google.common.util.concurrent.ListenableFuture;
import dagger.producers.ProducerModule;
import dagger.producers.Produces;
import jakarta.inject.Named;

/**
 * The async shape for Dagger Producers: the remote calls return the service's {@code
 * ListenableFuture}s (completed by the same timer as the other contenders' futures), the rest is
 * the arithmetic of {@link AsyncPipeline}.
 */
@ProducerModule
final class AsyncProducerModule {
  private AsyncProducerModule() {}

  @Produces
  @Named("a")
  static ListenableFuture<Integer> a(SimulatedService service) {
    return service.callListenable(1);
  }

  @Produces
  @Named("b")
  static ListenableFuture<Integer> b(SimulatedService service) {
    return service.callListenable(2);
  }

  @Produces
  @Named("c")
  static ListenableFuture<Integer> c(SimulatedService service) {
    return service.callListenable(3);
  }

  @Produces
  @Named("d")
  static ListenableFuture<Integer> d(SimulatedService service) {
    return service.callListenable(4);
  }

  @Produces
  @Named("ab")
  static int ab(@Named("a") int a, @Named("b") int b) {
    return a + 3 * b;
  }

  @Produces
  @Named("cd")
  static int cd(@Named("c") int c, @Named("d") int d) {
    return c + 3 * d;
  }

  @Produces
  @Named("sink")
  static int sink(@Named("ab") int ab, @Named("cd") int cd) {
    return ab + 3 * cd;
  }
}
