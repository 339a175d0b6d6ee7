package dev.taskwire.samples.automl.server;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;

/**
 * The "stops answering" fault: once engaged, requests are parked unanswered, holding no thread,
 * until the server closes. The client must notice through its own request timeout.
 */
final class Silence {
  private final List<HttpExchange> parked = new ArrayList<>();
  private boolean engaged;
  private boolean closed;

  synchronized void engage() {
    engaged = true;
  }

  synchronized boolean engaged() {
    return engaged;
  }

  /** Keeps {@code exchange} open without a response; closes it at once if the server is closing. */
  void park(HttpExchange exchange) {
    synchronized (this) {
      if (!closed) {
        parked.add(exchange);
        return;
      }
    }
    exchange.close();
  }

  /** Drops every parked request's connection, so that stopping the server does not wait on them. */
  void close() {
    List<HttpExchange> dropped;
    synchronized (this) {
      closed = true;
      dropped = new ArrayList<>(parked);
      parked.clear();
    }
    dropped.forEach(HttpExchange::close);
  }
}
