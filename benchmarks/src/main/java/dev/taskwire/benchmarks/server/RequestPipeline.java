package dev.taskwire.benchmarks.server;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

/**
 * The work of one request to the simulated server, built per request: {@code parse}, three remote
 * calls ({@code user}, {@code prices}, {@code stock}: async tasks that answer after 1 to 5 ms,
 * chosen from the request's seed, without holding a thread), then six sync tasks combining them
 * down to {@code render}. Ten tasks in all.
 */
public class RequestPipeline {
  private final Request request;
  private final LatencyService service;

  public RequestPipeline(Request request, LatencyService service) {
    this.request = request;
    this.service = service;
  }

  /** What {@code render} returns for {@code request}, by plain calls. */
  public static int expected(Request request) {
    int parsed = RequestMath.parse(request);
    int user = RequestMath.userValue(parsed);
    int prices = RequestMath.pricesValue(parsed);
    int stock = RequestMath.stockValue(parsed);
    int price = RequestMath.price(RequestMath.enrich(user, prices), RequestMath.available(stock));
    return RequestMath.render(RequestMath.total(price, RequestMath.discount(user)));
  }

  @Task
  public int parse() {
    return RequestMath.parse(request);
  }

  @Task
  public CompletableFuture<Integer> user(@DependsOn("parse") int parsed) {
    return service.call(
        RequestMath.userValue(parsed), LatencyService.latencyMillis(request.seed(), 0));
  }

  @Task
  public CompletableFuture<Integer> prices(@DependsOn("parse") int parsed) {
    return service.call(
        RequestMath.pricesValue(parsed), LatencyService.latencyMillis(request.seed(), 1));
  }

  @Task
  public CompletableFuture<Integer> stock(@DependsOn("parse") int parsed) {
    return service.call(
        RequestMath.stockValue(parsed), LatencyService.latencyMillis(request.seed(), 2));
  }

  @Task
  public int enrich(@DependsOn("user") int user, @DependsOn("prices") int prices) {
    return RequestMath.enrich(user, prices);
  }

  @Task
  public int available(@DependsOn("stock") int stock) {
    return RequestMath.available(stock);
  }

  @Task
  public int discount(@DependsOn("user") int user) {
    return RequestMath.discount(user);
  }

  @Task
  public int price(@DependsOn("enrich") int enrich, @DependsOn("available") int available) {
    return RequestMath.price(enrich, available);
  }

  @Task
  public int total(@DependsOn("price") int price, @DependsOn("discount") int discount) {
    return RequestMath.total(price, discount);
  }

  @Task
  public int render(@DependsOn("total") int total) {
    return RequestMath.render(total);
  }
}
