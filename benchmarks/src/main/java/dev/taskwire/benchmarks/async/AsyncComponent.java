package dev.taskwire.benchmarks.async;

import com.google.common.util.concurrent.ListenableFuture;
import dagger.BindsInstance;
import dagger.producers.Production;
import dagger.producers.ProductionComponent;
import jakarta.inject.Named;
import java.util.concurrent.Executor;

/** The async shape's production component: single use, so one per run. */
@ProductionComponent(modules = AsyncProducerModule.class)
interface AsyncComponent {
  @Named("sink")
  ListenableFuture<Integer> sink();

  @ProductionComponent.Factory
  interface Factory {
    AsyncComponent create(
        @BindsInstance @Production Executor executor, @BindsInstance SimulatedService service);
  }
}
