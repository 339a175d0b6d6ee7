package dev.taskwire.benchmarks.server;

import com.google.common.util.concurrent.ListenableFuture;
import dagger.BindsInstance;
import dagger.producers.Production;
import dagger.producers.ProductionComponent;
import jakarta.inject.Named;
import java.util.concurrent.Executor;

/** The request pipeline's production component: single use, so one per request. */
@ProductionComponent(modules = RequestProducerModule.class)
interface RequestComponent {
  @Named("render")
  ListenableFuture<Integer> render();

  @ProductionComponent.Factory
  interface Factory {
    RequestComponent create(
        @BindsInstance @Production Executor executor,
        @BindsInstance LatencyService service,
        @BindsInstance Request request);
  }
}
