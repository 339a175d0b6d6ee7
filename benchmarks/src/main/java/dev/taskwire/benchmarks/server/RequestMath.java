package dev.taskwire.benchmarks.server;

/**
 * The arithmetic of the request pipeline's sync tasks, shared by every contender (and by {@link
 * RequestPipeline#expected(Request)}) so that they compute the same answers.
 */
final class RequestMath {
  private RequestMath() {}

  static int parse(Request request) {
    return (int) (request.seed() >>> 40) ^ request.id();
  }

  /** The values the three remote calls answer with, given the parsed request. */
  static int userValue(int parsed) {
    return parsed & 0xFFFF;
  }

  static int pricesValue(int parsed) {
    return (parsed >>> 8) % 1_000 + 1;
  }

  static int stockValue(int parsed) {
    return Math.floorMod(parsed, 97);
  }

  static int enrich(int user, int prices) {
    return user + 3 * prices;
  }

  static int available(int stock) {
    return stock > 10 ? stock : 0;
  }

  static int discount(int user) {
    return user % 10;
  }

  static int price(int enrich, int available) {
    return enrich * (available + 1);
  }

  static int total(int price, int discount) {
    return price - price / 100 * discount;
  }

  static int render(int total) {
    return 31 * total + 7;
  }
}
