package dev.taskwire.benchmarks.diamond;

import com.google.common.util.concurrent.ListenableFuture;
import dagger.BindsInstance;
import dagger.producers.Production;
import dagger.producers.ProductionComponent;
import jakarta.inject.Named;
import java.util.concurrent.Executor;

/** The diamond's production component: single use, so one is created per run. */
@ProductionComponent(modules = DiamondProducerModule.class)
interface DiamondComponent {
  @Named("d")
  ListenableFuture<Integer> d();

  @ProductionComponent.Factory
  interface Factory {
    DiamondComponent create(
        @BindsInstance @Production Executor executor, @BindsInstance @Named("origin") int origin);
  }
}
