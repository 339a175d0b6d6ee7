package dev.taskwire.benchmarks.diamond;

import dagger.producers.ProducerModule;
import dagger.producers.Produces;
import jakarta.inject.Named;

/**
 * The diamond for Dagger Producers: one {@code @Produces} method per task, the same arithmetic as
 * {@link Diamond}, results told apart by {@code @Named} keys (all are {@code int}).
 */
@ProducerModule
final class DiamondProducerModule {
  private DiamondProducerModule() {}

  @Produces
  @Named("a")
  static int a(@Named("origin") int origin) {
    return origin + 1;
  }

  @Produces
  @Named("b")
  static int b(@Named("a") int a) {
    return a + 1;
  }

  @Produces
  @Named("c")
  static int c(@Named("a") int a) {
    return a * 2;
  }

  @Produces
  @Named("d")
  static int d(@Named("b") int b, @Named("c") int c) {
    return 3 * b + c;
  }
}
