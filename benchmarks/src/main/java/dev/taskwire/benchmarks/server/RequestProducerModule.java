package dev.taskwire.benchmarks.server;

import com.google.common.util.concurrent.ListenableFuture;
import dagger.producers.ProducerModule;
import dagger.producers.Produces;
import jakarta.inject.Named;

/**
 * The request pipeline for Dagger Producers: the remote calls return the service's {@code
 * ListenableFuture}s (completed by the same timer, after the same latencies, as the other
 * contenders' futures), the rest is the arithmetic of {@link RequestPipeline}.
 */
@ProducerModule
final class RequestProducerModule {
  private RequestProducerModule() {}

  @Produces
  @Named("parse")
  static int parse(Request request) {
    return RequestMath.parse(request);
  }

  @Produces
  @Named("user")
  static ListenableFuture<Integer> user(
      @Named("parse") int parsed, Request request, LatencyService service) {
    return service.callListenable(
        RequestMath.userValue(parsed), LatencyService.latencyMillis(request.seed(), 0));
  }

  @Produces
  @Named("prices")
  static ListenableFuture<Integer> prices(
      @Named("parse") int parsed, Request request, LatencyService service) {
    return service.callListenable(
        RequestMath.pricesValue(parsed), LatencyService.latencyMillis(request.seed(), 1));
  }

  @Produces
  @Named("stock")
  static ListenableFuture<Integer> stock(
      @Named("parse") int parsed, Request request, LatencyService service) {
    return service.callListenable(
        RequestMath.stockValue(parsed), LatencyService.latencyMillis(request.seed(), 2));
  }

  @Produces
  @Named("enrich")
  static int enrich(@Named("user") int user, @Named("prices") int prices) {
    return RequestMath.enrich(user, prices);
  }

  @Produces
  @Named("available")
  static int available(@Named("stock") int stock) {
    return RequestMath.available(stock);
  }

  @Produces
  @Named("discount")
  static int discount(@Named("user") int user) {
    return RequestMath.discount(user);
  }

  @Produces
  @Named("price")
  static int price(@Named("enrich") int enrich, @Named("available") int available) {
    return RequestMath.price(enrich, available);
  }

  @Produces
  @Named("total")
  static int total(@Named("price") int price, @Named("discount") int discount) {
    return RequestMath.total(price, discount);
  }

  @Produces
  @Named("render")
  static int render(@Named("total") int total) {
    return RequestMath.render(total);
  }
}
